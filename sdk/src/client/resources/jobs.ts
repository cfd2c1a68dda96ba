import type { Comparison, Job, MetricsHistory } from '../../spec/index.js';
import type { HttpClient, RequestOptions } from '../http-client.js';
import { newIdempotencyKey } from '../idempotency-key.js';
import { PagePromise, type PageBody } from '../pagination.js';
import type { CompareParams, JobListParams, TrainingSpecParams } from '../params.js';
import { path } from '../path.js';
import { streamJobEvents, type JobEvent, type StreamOptions } from './job-stream.js';
import { waitForJob, type WaitOptions } from './job-wait.js';

export interface CreateOptions extends RequestOptions {
  /** The same key and spec return the same job. Default: a fresh UUID, reused by this call's retries. */
  idempotencyKey?: string;
}

/** `client.jobs`: create, retrieve, list, cancel, metrics, and following a run (wait, stream). */
export class Jobs {
  constructor(protected readonly http: HttpClient) {}

  /** Starts a training job; always sends an Idempotency-Key so a retried call never makes two jobs. */
  create(spec: TrainingSpecParams, options: CreateOptions = {}): Promise<Job> {
    const { idempotencyKey = newIdempotencyKey(), ...request } = options;
    return this.http.json<Job>({ method: 'POST', path: '/v1/jobs', body: { json: spec }, idempotencyKey, options: request });
  }

  /** A job: status, progress, latest metrics, best epoch, test metrics, model id. */
  retrieve(id: string, options?: RequestOptions): Promise<Job> {
    return this.http.json<Job>({ method: 'GET', path: path`/v1/jobs/${id}`, options });
  }

  /** Jobs, newest first, optionally by status, type or sweep: await a page or `for await` over all. */
  list(params: JobListParams = {}, options?: RequestOptions): PagePromise<Job> {
    return new PagePromise((cursor) =>
      this.http.json<PageBody<Job>>({ method: 'GET', path: '/v1/jobs', query: { ...params, cursor: cursor ?? params.cursor }, options }),
    );
  }

  /** Cancels a queued or running job (a running one stops within an epoch); idempotent on a cancelled job. */
  cancel(id: string, options?: RequestOptions): Promise<Job> {
    return this.http.json<Job>({ method: 'POST', path: path`/v1/jobs/${id}/cancel`, options });
  }

  /** Every finished epoch's metrics, in order. */
  metrics(id: string, options?: RequestOptions): Promise<MetricsHistory> {
    return this.http.json<MetricsHistory>({ method: 'GET', path: path`/v1/jobs/${id}/metrics`, options });
  }

  /** One metric (default valLoss) of several jobs, aligned on a shared epoch axis (`GET /v1/compare`). */
  compare(params: CompareParams, options?: RequestOptions): Promise<Comparison> {
    return this.http.json<Comparison>({ method: 'GET', path: '/v1/compare', query: { jobs: params.jobs.join(','), metric: params.metric }, options });
  }

  /**
   * Resolves with the finished job, polling every `pollInterval` ms (default 1000) and calling
   * `onProgress` per epoch. Rejects with JobFailedError / JobCancelledError unless `rejectOnFailure: false`.
   */
  wait(id: string, options?: WaitOptions): Promise<Job> {
    return waitForJob({ retrieve: (jobId, o) => this.retrieve(jobId, o), metrics: (jobId, o) => this.metrics(jobId, o) }, id, options);
  }

  /** The job's server-sent events (`status`, `epoch`, `done`) as an async iterator; reconnects on drops. */
  stream(id: string, options?: StreamOptions): AsyncGenerator<JobEvent, void, undefined> {
    return streamJobEvents(this.http, id, options);
  }

  /** `create` then `wait`: resolves with the finished job. */
  async createAndWait(spec: TrainingSpecParams, options: CreateOptions & WaitOptions = {}): Promise<Job> {
    const job = await this.create(spec, options);
    const { idempotencyKey: _key, ...waitOptions } = options;
    return this.wait(job.id, waitOptions);
  }
}
