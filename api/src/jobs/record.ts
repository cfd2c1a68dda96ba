import { EpochMetrics, Job, JobStatus, TERMINAL_STATUSES } from '@layerlab/sdk/spec';
import { z } from 'zod';

/**
 * status.json: the Job without its spec (spec.json) and cancel flag (the `cancel` marker), plus
 * who holds it. `runId` is the lease of the trainer run that owns a running job; a trainer
 * whose runId is no longer the record's has lost the job and must stop writing.
 */
export const JobRecord = Job.omit({ spec: true, cancelRequested: true }).extend({
  tenant: z.string(),
  runId: z.string().nullable(),
});
export type JobRecord = z.infer<typeof JobRecord>;

export const MetricsFile = z.object({ history: z.array(EpochMetrics) });

/** dispatch/pending/{jobId}.json: a job the scheduler still has to watch. */
export const PendingMarker = z.object({
  tenant: z.string(),
  jobId: z.string(),
  offers: z.number().int().min(0),
  nextOfferAt: z.number(),
});
export type PendingMarker = z.infer<typeof PendingMarker>;

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}
