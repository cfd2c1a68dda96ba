import { TERMINAL_STATUSES, type EpochMetrics, type Job, type MetricsHistory } from '../../spec/index.js';
import { JobCancelledError, JobFailedError } from '../errors.js';
import type { RequestOptions } from '../http-client.js';
import { poll } from '../polling.js';

export interface WaitOptions extends RequestOptions {
  /** Called once per finished epoch, in order (epochs that ended before the call included). */
  onProgress?: (metrics: EpochMetrics, job: Job) => void | Promise<void>;
  /** Called with every job state polled (status, progress). */
  onPoll?: (job: Job) => void | Promise<void>;
  /** Between polls, in ms. Default 1000. */
  pollInterval?: number;
  /** false: resolve with a failed or cancelled job instead of rejecting. Default true. */
  rejectOnFailure?: boolean;
}

export const DEFAULT_POLL_INTERVAL_MS = 1000;

interface WaitDeps {
  retrieve: (id: string, options?: RequestOptions) => Promise<Job>;
  metrics: (id: string, options?: RequestOptions) => Promise<MetricsHistory>;
}

/**
 * Polls a job until it ends. Each poll carries only the latest epoch, so when several finished
 * between two polls the history is fetched to report every one of them.
 */
export async function waitForJob(deps: WaitDeps, id: string, options: WaitOptions = {}): Promise<Job> {
  const { onProgress, onPoll, pollInterval = DEFAULT_POLL_INTERVAL_MS, rejectOnFailure = true, ...request } = options;
  let reported = 0;
  const report = async (job: Job) => {
    const latest = job.metrics;
    if (onProgress === undefined || latest === null || latest.epoch <= reported) return;
    const fresh =
      latest.epoch === reported + 1 ? [latest] : (await deps.metrics(id, request)).history.filter((entry) => entry.epoch > reported);
    for (const entry of fresh) {
      await onProgress(entry, job);
      reported = Math.max(reported, entry.epoch);
    }
  };
  const job = await poll({
    load: () => deps.retrieve(id, request),
    done: (current) => TERMINAL_STATUSES.has(current.status),
    onValue: async (current) => {
      await onPoll?.(current);
      await report(current);
    },
    interval: pollInterval,
    signal: request.signal,
  });
  if (rejectOnFailure && job.status === 'failed') throw new JobFailedError(job);
  if (rejectOnFailure && job.status === 'cancelled') throw new JobCancelledError(job);
  return job;
}
