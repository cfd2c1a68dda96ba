import { describe, expect, it } from 'vitest';
import { epochFixture } from '../../testing/fixtures.js';
import { epochLine, etaSeconds, progressBar, statusBar, taskMetric } from './progress.js';
import { createStyle } from './style.js';

describe('progress', () => {
  it('estimates the time left from the last five epochs', () => {
    // epochs took 9, 2, 2, 4, 2, 2 s: the last five average 12/5 = 2.4 s; 4 of 10 epochs left
    const history = [9, 2, 2, 4, 2, 2].map((seconds, i) => epochFixture(i + 1, { seconds }));
    expect(etaSeconds(history, 10)).toBeCloseTo(9.6, 10);
    expect(etaSeconds([], 10)).toBeNull();
    expect(etaSeconds(history, 6)).toBe(0);
  });

  it('draws a bar with a half cell', () => {
    expect(progressBar(0.5, 10)).toBe('━━━━━─────');
    expect(progressBar(0.25, 10)).toBe('━━╸───────');
    expect(progressBar(1.2, 4)).toBe('━━━━');
  });

  it('picks accuracy for classification and mae for regression', () => {
    expect(taskMetric('multiclass').val).toBe('valAccuracy');
    expect(taskMetric('regression').val).toBe('valMae');
  });

  it('prints one aligned line per epoch with loss, valLoss, the task metric, lr, pace and ETA', () => {
    const line = epochLine({
      metrics: { epoch: 3, loss: 0.41234, valLoss: 0.45111, accuracy: 0.861, valAccuracy: 0.84, lr: 0.001, seconds: 1.7 },
      epochs: 30,
      task: 'binary',
      eta: 46,
      improved: true,
      style: createStyle(false),
    });
    expect(line).toBe('epoch  3/30 *  loss 0.4123    valLoss 0.4511    acc 86.1%/84.0%  lr 1.0e-3  1.7s/epoch   ETA 46s');
  });

  it('shows — for a metric the epoch lacks, keeping the columns', () => {
    const line = epochLine({ metrics: { epoch: 5, loss: 2, lr: 0.01, seconds: 12 }, epochs: 10, task: 'regression', eta: null, improved: false, style: createStyle(false) });
    expect(line).toBe('epoch  5/10    loss 2         valLoss —         mae —/—          lr 1.0e-2  12s/epoch    ETA —');
  });

  it('fits a terminal: drops the pace, then the ETA, then cuts', () => {
    const input = {
      metrics: { epoch: 14, loss: 0.01059, valLoss: 0.01901, mae: 12680, valMae: 16420, lr: 0.003, seconds: 0.04 },
      epochs: 60,
      task: 'regression' as const,
      eta: 3.8,
      improved: true,
      style: createStyle(false),
    };
    // 97 columns whole; 84 without the pace; 74 without the ETA too
    expect(epochLine({ ...input, width: 100 })).toBe('epoch 14/60 *  loss 0.01059   valLoss 0.01901   mae 12680/16420  lr 3.0e-3  40ms/epoch   ETA 3.8s');
    expect(epochLine({ ...input, width: 90 })).toBe('epoch 14/60 *  loss 0.01059   valLoss 0.01901   mae 12680/16420  lr 3.0e-3  ETA 3.8s');
    expect(epochLine({ ...input, width: 80 })).toBe('epoch 14/60 *  loss 0.01059   valLoss 0.01901   mae 12680/16420  lr 3.0e-3');
    // 39 visible columns at most: the last one stays free so the terminal never wraps
    expect(epochLine({ ...input, width: 40 })).toBe('epoch 14/60 *  loss 0.01059   valLoss …');
  });

  it('draws the status bar to the width it has', () => {
    const text = 'epoch 25/60 · ETA 1.4s · running on wasm'; // 40 columns
    // 80 − 1 − 2 − 4 (" 42%") − 2 − 40 − 2 = 29 cells; 25/60 of 29 = 12.08 → 12 full cells
    expect(statusBar({ fraction: 25 / 60, text, width: 80, style: createStyle(false) })).toBe(`  ${'━'.repeat(12)}${'─'.repeat(17)}  42%  ${text}`);
    expect(statusBar({ fraction: 25 / 60, text, width: 50, style: createStyle(false) })).toBe(`  ${text}`);
  });
});
