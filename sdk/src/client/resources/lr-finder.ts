import { LrFinderResult, type Job } from '../../spec/index.js';
import { LayerlabError } from '../errors.js';
import type { HttpClient } from '../http-client.js';
import { newIdempotencyKey } from '../idempotency-key.js';
import type { LrFinderCreateParams } from '../params.js';
import type { CreateOptions } from './jobs.js';
import type { WaitOptions } from './job-wait.js';

/** A finished lr_finder job with its result typed. */
export type LrFinderJob = Omit<Job, 'result'> & { result: LrFinderResult };

/** `client.lrFinder`: Leslie Smith's learning-rate range test on your spec and data. */
export class LrFinder {
  constructor(
    protected readonly http: HttpClient,
    private readonly wait: (id: string, options?: WaitOptions) => Promise<Job>,
  ) {}

  /** Starts a range test (a Job of type `lr_finder`); minLr 1e-6, maxLr 10, steps 100 by default. */
  create(params: LrFinderCreateParams, options: CreateOptions = {}): Promise<Job> {
    const { idempotencyKey = newIdempotencyKey(), ...request } = options;
    return this.http.json<Job>({ method: 'POST', path: '/v1/lr-finder', body: { json: params }, idempotencyKey, options: request });
  }

  /** `create`, then waits for the curve: resolves with the job and its typed `result`. */
  async createAndWait(params: LrFinderCreateParams, options: CreateOptions & WaitOptions = {}): Promise<LrFinderJob> {
    const created = await this.create(params, options);
    const { idempotencyKey: _key, ...waitOptions } = options;
    const job = await this.wait(created.id, waitOptions);
    return { ...job, result: this.result(job) };
  }

  /** The curve and suggestion of a finished lr_finder job; throws LayerlabError if it has none. */
  result(job: Job): LrFinderResult {
    const parsed = LrFinderResult.safeParse(job.result);
    if (!parsed.success) throw new LayerlabError(`job ${job.id} has no LR finder result (status ${job.status})`);
    return parsed.data;
  }
}
