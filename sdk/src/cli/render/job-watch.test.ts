import { describe, expect, it } from 'vitest';
import { epochFixture, jobFixture } from '../../testing/fixtures.js';
import { JobWatchView } from './job-watch.js';
import { createStyle } from './style.js';

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  return { out: { write: (text: string) => void chunks.push(text), isTTY, columns: 100 }, text: () => chunks.join('') };
}

const queued = jobFixture();
const running = jobFixture({ status: 'running', backend: 'wasm', progress: { epoch: 0, epochs: 5, fraction: 0 } });

describe('JobWatchView', () => {
  it('off a terminal: plain final lines, a status line only when the status changes, best epochs marked', () => {
    const { out, text } = capture(false);
    const view = new JobWatchView({ out, style: createStyle(false) });
    view.status(queued);
    view.status(running);
    view.status({ ...running, progress: { epoch: 1, epochs: 5, fraction: 0.2 } });
    view.epoch(epochFixture(1));
    view.epoch(epochFixture(2)); // valLoss 0.55 < 1.1: improved
    view.epoch(epochFixture(3, { valLoss: 0.9 })); // worse than 0.55
    view.finish();
    const lines = text().split('\n');
    expect(text()).not.toMatch(/\r|\u001b/);
    expect(lines[0]).toBe(`${queued.id} queued · waiting for a trainer`);
    expect(lines[1]).toBe(`${queued.id} running · on wasm`);
    expect(lines).toHaveLength(6); // the progress-only status change printed nothing
    expect(lines.slice(2, 5).map((line) => line.slice(0, 14))).toEqual(['epoch 1/5    l', 'epoch 2/5 *  l', 'epoch 3/5    l']);
    // 2 s per epoch: after epoch 1, 4 epochs left → 8 s
    expect(lines[2]).toContain('ETA 8.0s');
  });

  it('on a terminal: epoch lines, and under them a status line with the bar and ETA redrawn in place, cleared at the end', () => {
    const { out, text } = capture(true);
    const view = new JobWatchView({ out, style: createStyle(false) });
    view.status(running);
    view.epoch(epochFixture(1));
    view.finish();
    const written = text();
    expect(written.startsWith(`  ${'─'.repeat(30)}   0%  running on wasm`)).toBe(true);
    // the epoch line replaces the status line, then the status line comes back below it
    expect(written).toContain('\r\u001b[2Kepoch 1/5    loss 1         valLoss 1.1       acc 51.0%/50.5%  lr 1.0e-3  2.0s/epoch   ETA 8.0s\n');
    // 2 s per epoch, 4 left: ETA 8 s; 1/5 of 30 cells = 6
    expect(written).toContain(`\n  ${'━'.repeat(6)}${'─'.repeat(24)}  20%  epoch 1/5 · ETA 8.0s · running on wasm\r\u001b[2K`);
    expect(written.endsWith('\r\u001b[2K')).toBe(true);
  });
});
