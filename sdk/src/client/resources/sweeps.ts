import { type Sweep, type SweepPlan, type SweepStatus } from '../../spec/index.js';
import type { HttpClient, RequestOptions } from '../http-client.js';
import { newIdempotencyKey } from '../idempotency-key.js';
import { PagePromise, type PageBody } from '../pagination.js';
import type { PageParams, SweepCreateParams } from '../params.js';
import { path } from '../path.js';
import { poll } from '../polling.js';
import type { CreateOptions } from './jobs.js';
import { DEFAULT_POLL_INTERVAL_MS } from './job-wait.js';

const FINISHED: ReadonlySet<SweepStatus> = new Set(['succeeded', 'failed', 'cancelled']);

export interface SweepWaitOptions extends RequestOptions {
  /** Called with every sweep state polled (its runs and best so far). */
  onPoll?: (sweep: Sweep) => void | Promise<void>;
  /** Between polls, in ms. Default 1000. */
  pollInterval?: number;
}

/** `client.sweeps`: hyperparameter sweeps whose trials are ordinary jobs (`type: sweep_trial`). */
export class Sweeps {
  constructor(protected readonly http: HttpClient) {}

  /** Starts a sweep; sends an Idempotency-Key like job creation does. */
  create(params: SweepCreateParams, options: CreateOptions = {}): Promise<Sweep> {
    const { idempotencyKey = newIdempotencyKey(), ...request } = options;
    return this.http.json<Sweep>({ method: 'POST', path: '/v1/sweeps', body: { json: params }, idempotencyKey, options: request });
  }

  /** The trials a sweep would run (`?dryRun=true`), without running them. */
  plan(params: SweepCreateParams, options?: RequestOptions): Promise<SweepPlan> {
    return this.http.json<SweepPlan>({ method: 'POST', path: '/v1/sweeps', query: { dryRun: 'true' }, body: { json: params }, options });
  }

  /** A sweep with its runs (status, metric, why a trial was stopped) and the best so far. */
  retrieve(id: string, options?: RequestOptions): Promise<Sweep> {
    return this.http.json<Sweep>({ method: 'GET', path: path`/v1/sweeps/${id}`, options });
  }

  /** Sweeps, newest first: await a page or `for await` over all. */
  list(params: PageParams = {}, options?: RequestOptions): PagePromise<Sweep> {
    return new PagePromise((cursor) =>
      this.http.json<PageBody<Sweep>>({ method: 'GET', path: '/v1/sweeps', query: { ...params, cursor: cursor ?? params.cursor }, options }),
    );
  }

  /** Cancels a sweep and its unfinished trials. */
  cancel(id: string, options?: RequestOptions): Promise<Sweep> {
    return this.http.json<Sweep>({ method: 'POST', path: path`/v1/sweeps/${id}/cancel`, options });
  }

  /** Resolves with the sweep once it has finished (succeeded, failed or cancelled), polling every second. */
  wait(id: string, options: SweepWaitOptions = {}): Promise<Sweep> {
    const { onPoll, pollInterval = DEFAULT_POLL_INTERVAL_MS, ...request } = options;
    return poll({
      load: () => this.retrieve(id, request),
      done: (sweep) => FINISHED.has(sweep.status),
      ...(onPoll === undefined ? {} : { onValue: onPoll }),
      interval: pollInterval,
      signal: request.signal,
    });
  }
}
