import { readRungEntry } from '@layerlab/api/sweeps';
import { FsStore } from '@layerlab/api/store/fs';
import type { EpochMetrics } from '@layerlab/sdk/spec';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoopContext, StopReason } from '../train/callbacks.js';
import { AshaCallback } from './asha-callback.js';

const SWEEP = 'swp_0000000000ASHATEST000001';
const job = (n: number) => `job_0000000000ASHATEST0000${String(n).padStart(2, '0')}`;
let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'layerlab-asha-'));
});
afterEach(async () => rm(root, { recursive: true, force: true }));

/** A trial "on its own machine": its own store instance over the shared folder, its own loop context. */
function trial(n: number, valLoss: number[], epochs = 9) {
  const store = new FsStore({ root });
  const callback = new AshaCallback({
    sweep: { store, tenant: 'local', sweepId: SWEEP },
    jobId: job(n),
    rule: { type: 'asha', minEpochs: 1, eta: 3 },
    metric: { name: 'valLoss', goal: 'minimize' },
  });
  const history: EpochMetrics[] = [];
  let stopReason: StopReason | null = null;
  const ctx = {
    epochs,
    history,
    stop: (reason: StopReason) => {
      stopReason ??= reason;
    },
    get stopReason() {
      return stopReason;
    },
  } as unknown as LoopContext;
  return {
    callback,
    ctx,
    store,
    /** Runs epochs until the values run out or the callback stops the trial; returns epochs run. */
    async run(): Promise<number> {
      for (const [i, value] of valLoss.entries()) {
        const metrics = { epoch: i + 1, loss: value, valLoss: value, lr: 0.01, seconds: 0.1 };
        history.push(metrics);
        await callback.onEpochEnd(metrics, ctx);
        if (stopReason !== null) break;
      }
      return history.length;
    },
  };
}

/**
 * eta 3, minEpochs 1: rungs at epochs 1, 3 (9 is the last epoch, never a rung).
 * Trials run one after another, so each sees every earlier trial's entries.
 *   trial  valLoss by epoch          rung 0 (epoch 1)                 rung 1 (epoch 3, best so far)
 *   1      .9 .8 .7 .6 ...            [.9] rank 1/1 keep 1 → go          [.7] rank 1/1 → go
 *   2      .8 .75 .72 ...             [.9 .8] rank 1/2 keep 1 → go       [.7 .72] rank 2/2 keep 1 → stop at 3
 *   3      .95 ...                    [.9 .8 .95] rank 3/3 keep 1 → stop at 1
 */
describe('AshaCallback against a shared store', () => {
  it('records each rung, decides from every trial recorded there, and says why it stopped', async () => {
    const one = trial(1, [0.9, 0.8, 0.7, 0.6, 0.55, 0.5, 0.45, 0.4, 0.35]);
    expect(await one.run()).toBe(9);
    expect(one.callback.stoppedBy).toBeNull();

    const two = trial(2, [0.8, 0.75, 0.72, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05]);
    expect(await two.run()).toBe(3);
    expect(two.ctx.stopReason).toBe('pruned');
    expect(two.callback.stoppedBy).toEqual({ rule: 'asha', rung: 1, epoch: 3, rank: 2, of: 2, metric: 'valLoss', value: 0.72 });

    const three = trial(3, [0.95, 0.5, 0.4]);
    expect(await three.run()).toBe(1);
    expect(three.callback.stoppedBy).toEqual({ rule: 'asha', rung: 0, epoch: 1, rank: 3, of: 3, metric: 'valLoss', value: 0.95 });

    const entry = await readRungEntry({ store: one.store, tenant: 'local', sweepId: SWEEP, rung: 0, jobId: job(2) });
    expect(entry).toMatchObject({ epoch: 1, value: 0.8, decision: { continue: true, rank: 1, of: 2 } });
  });

  it('stops a run resumed after a stop decision at once, from the recorded decision', async () => {
    await trial(1, [0.5, 0.4, 0.3]).run();
    const first = trial(2, [0.9]);
    await first.run();
    expect(first.callback.stoppedBy?.rank).toBe(2);
    // the trainer died before its terminal write; a new run resumes from the epoch-1 checkpoint
    const resumed = trial(2, []);
    resumed.ctx.history.push({ epoch: 1, loss: 0.9, valLoss: 0.9, lr: 0.01, seconds: 0.1 });
    await resumed.callback.onTrainBegin(resumed.ctx);
    expect(resumed.ctx.stopReason).toBe('pruned');
    expect(resumed.callback.stoppedBy).toEqual(first.callback.stoppedBy);
  });
});
