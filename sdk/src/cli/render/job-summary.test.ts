import { describe, expect, it } from 'vitest';
import { epochFixture, jobFixture } from '../../testing/fixtures.js';
import { jobSummary } from './job-summary.js';
import { createStyle } from './style.js';

describe('jobSummary', () => {
  it('shows the outcome of a finished run: time, early stop, best epoch, test metrics, model', () => {
    const job = jobFixture({
      status: 'succeeded',
      backend: 'wasm',
      startedAt: '2026-12-04T19:00:00.000Z',
      finishedAt: '2026-12-04T19:01:05.000Z',
      progress: { epoch: 23, epochs: 100, fraction: 0.23 },
      stoppedEarly: true,
      best: { epoch: 13, monitor: 'valLoss', value: 0.213 },
      metrics: epochFixture(23),
      testMetrics: { loss: 0.3, accuracy: 0.89 },
      modelId: 'mdl_01JTESTMODEL0000000000',
    });
    const lines = jobSummary(job, createStyle(false)).split('\n');
    expect(lines).toContain('  status      succeeded in 1m05s on wasm');
    expect(lines).toContain('  epochs      23 of 100 · stopped early (patience 10)');
    expect(lines).toContain('  best        epoch 13 · valLoss 0.213 (min) · weights restored');
    expect(lines).toContain('  test        loss 0.3 · accuracy 0.89');
    expect(lines).toContain('  model       mdl_01JTESTMODEL0000000000');
  });

  it('says why a job failed, and why ASHA stopped a sweep trial', () => {
    const failed = jobFixture({ status: 'failed', error: { code: 'TRAINING_DIVERGED', message: 'loss became NaN at epoch 4' } });
    expect(jobSummary(failed, createStyle(false))).toMatch(/\n {2}error +TRAINING_DIVERGED: loss became NaN at epoch 4\n/);
    const trial = jobFixture({
      type: 'sweep_trial',
      status: 'succeeded',
      sweepId: 'swp_01JTESTSWEEP0000000000',
      stoppedBy: { rule: 'asha', rung: 0, epoch: 2, rank: 3, of: 3, metric: 'valLoss', value: 0.5097 },
    });
    const text = jobSummary(trial, createStyle(false));
    expect(text).toContain('  stopped by  ASHA at epoch 2 (rung 0): rank 3 of 3 on valLoss 0.5097\n');
    expect(text).toContain('  sweep       swp_01JTESTSWEEP0000000000\n');
  });
});
