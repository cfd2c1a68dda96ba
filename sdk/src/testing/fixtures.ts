import { Job, ResolvedTrainingSpec, type EpochMetrics } from '../spec/index.js';

/** Test data only: a valid Job (checked against the contract), with `overrides` applied. */
export function jobFixture(overrides: Partial<Job> = {}): Job {
  const spec = ResolvedTrainingSpec.parse({ dataset: 'ds_01JTESTDATASET00000000', target: 'y', task: 'binary', epochs: 5 });
  return Job.parse({
    id: 'job_01JTESTJOB000000000000',
    type: 'train',
    status: 'queued',
    spec,
    progress: { epoch: 0, epochs: 5, fraction: 0 },
    metrics: null,
    best: null,
    stoppedEarly: false,
    testMetrics: null,
    modelId: null,
    result: null,
    lrFinder: null,
    error: null,
    backend: null,
    sweepId: null,
    stoppedBy: null,
    attempts: 0,
    cancelRequested: false,
    createdAt: '2026-12-04T19:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    heartbeatAt: null,
    ...overrides,
  });
}

/** Test data only: an epoch whose numbers are easy to check by eye (loss 1/epoch...). */
export function epochFixture(epoch: number, overrides: Partial<EpochMetrics> = {}): EpochMetrics {
  return { epoch, loss: 1 / epoch, valLoss: 1.1 / epoch, accuracy: 0.5 + epoch / 100, valAccuracy: 0.5 + epoch / 200, lr: 0.001, seconds: 2, ...overrides };
}
