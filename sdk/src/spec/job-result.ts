import { z } from 'zod';
import { LrFinderResult } from './lr-finder.js';

/** Loss and task metrics of one split (the shape of Job.testMetrics). */
const SplitMetrics = z.record(z.string(), z.number());

export const SwaReport = z
  .object({
    startEpoch: z.number().int().min(1).meta({ description: 'The first epoch trained at swa.lr' }),
    snapshots: z.number().int().min(0).meta({ description: 'Weight snapshots in the average (0: training ended before SWA began)' }),
    applied: z.boolean().meta({ description: 'Whether the exported model uses the averaged weights' }),
    batchNormLayers: z.number().int().min(0).meta({ description: 'BatchNorm layers whose statistics were recomputed over the training data' }),
    before: z.object({ validation: SplitMetrics.nullable(), test: SplitMetrics.nullable() }).meta({ description: 'Metrics of the last (or early-stopping best) weights' }),
    after: z.object({ validation: SplitMetrics.nullable(), test: SplitMetrics.nullable() }).nullable().meta({ description: 'Metrics of the averaged weights' }),
  })
  .meta({ id: 'SwaReport' });
export type SwaReport = z.infer<typeof SwaReport>;

/** Job.result of a train (or sweep_trial) job. */
export const TrainResult = z
  .object({
    learningRate: z.number().positive().meta({ description: 'The starting learning rate used: the spec\'s, or the LR finder\'s suggestion for "auto"' }),
    lrFinder: LrFinderResult.optional().meta({ description: 'optimizer.learningRate "auto": the range test run before training' }),
    swa: SwaReport.optional().meta({ description: 'swa set: metrics before and after averaging' }),
  })
  .strict()
  .meta({ id: 'TrainResult' });
export type TrainResult = z.infer<typeof TrainResult>;

/** Job.result: an lr_finder job's range test, or what a train job decided (lr, SWA). */
export const JobResult = z.union([LrFinderResult, TrainResult]).meta({
  id: 'JobResult',
  description: 'lr_finder jobs: LrFinderResult (curve, divergedAt, suggestion, halfDivergence); train jobs: TrainResult',
});
export type JobResult = z.infer<typeof JobResult>;
