import { JobId, metricMode, type CompareMetric, type CompareSeries, type Comparison, type EpochMetrics, type MetricName } from '@layerlab/sdk/spec';
import { ApiError } from '../errors/api-error.js';
import { readJob, readMetrics } from '../jobs/job-store.js';
import type { JobScope } from './jobs.js';
import { bestOf } from './sweeps/sweep-view.js';

/** At most this many jobs in one comparison. */
export const MAX_COMPARED = 20;

function parseJobIds(list: string): string[] {
  const ids = [...new Set(list.split(',').map((id) => id.trim()).filter((id) => id !== ''))];
  const errors = ids.flatMap((id, index) => (JobId.safeParse(id).success ? [] : [{ path: `query.jobs.${index}`, message: `"${id}" is not a job id` }]));
  if (ids.length === 0) errors.push({ path: 'query.jobs', message: 'names no job' });
  if (ids.length > MAX_COMPARED) errors.push({ path: 'query.jobs', message: `names ${ids.length} jobs; at most ${MAX_COMPARED}` });
  if (errors.length > 0) throw new ApiError('VALIDATION_FAILED', `${errors[0]?.path} ${errors[0]?.message}`, { errors, title: 'Invalid query parameters' });
  return ids;
}

/** Direction of "better" for a charted metric: lr and seconds count as minimised. */
function goalOf(metric: CompareMetric): 'minimize' | 'maximize' {
  return metric === 'lr' || metric === 'seconds' ? 'minimize' : metricMode(metric as MetricName) === 'max' ? 'maximize' : 'minimize';
}

/**
 * One metric of several jobs on a shared epoch axis (the union of their epochs); a job without
 * that epoch or metric has null there. Unknown or other tenants' jobs are 404.
 */
export async function compareJobs(scope: JobScope, query: { jobs: string; metric: CompareMetric }): Promise<Comparison> {
  const ids = parseJobIds(query.jobs);
  const loaded = await Promise.all(
    ids.map(async (jobId) => {
      const [job, history] = await Promise.all([readJob({ ...scope, jobId }), readMetrics({ ...scope, jobId })]);
      if (job === null) throw ApiError.notFound('job', jobId);
      return { job, history };
    }),
  );
  const epochs = [...new Set(loaded.flatMap(({ history }) => history.map((entry) => entry.epoch)))].sort((a, b) => a - b);
  const goal = goalOf(query.metric);
  const series: CompareSeries[] = loaded.map(({ job, history }) => {
    const byEpoch = new Map<number, EpochMetrics>(history.map((entry) => [entry.epoch, entry]));
    const values = epochs.map((epoch) => {
      const value = byEpoch.get(epoch)?.[query.metric];
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    });
    const bestValue = bestOf(values.filter((value): value is number => value !== null), goal);
    const bestIndex = bestValue === null ? -1 : values.indexOf(bestValue);
    return {
      jobId: job.id,
      name: job.spec.name ?? null,
      type: job.type,
      status: job.status,
      sweepId: job.sweepId,
      values,
      best: bestIndex < 0 || bestValue === null ? null : { epoch: epochs[bestIndex] as number, value: bestValue },
    };
  });
  return { metric: query.metric, goal, epochs, series };
}
