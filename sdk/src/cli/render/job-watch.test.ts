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
    expect(lines.slice(2, 5).map((line) => line.slice(0, 11))).toEqual(['epoch 1/5  ', 'epoch 2/5  ', 'epoch 3/5  ']);
    expect(lines.slice(2, 5).map((line) => line.endsWith('* best'))).toEqual([false, true, false]);
    // 2 s per epoch: after epoch 1, 4 epochs left → 8 s
    expect(lines[2]).toContain('ETA 8.0s');
  });

  it('on a terminal: a status line redrawn in place under the epoch lines, cleared at the end', () => {
    const { out, text } = capture(true);
    const view = new JobWatchView({ out, style: createStyle(false) });
    view.status(running);
    view.epoch(epochFixture(1));
    view.finish();
    const written = text();
    expect(written.startsWith(`  ${queued.id} running · on wasm`)).toBe(true);
    // 100 columns leave room for an 11-cell bar once the pace is dropped; 1/5 of 11 = 2.2 cells
    expect(written).toContain('\r\u001b[2Kepoch 1/5  ━━─────────  20%  loss 1 ');
    expect(written).not.toContain('/epoch');
    expect(written).toContain(`\n  ${queued.id} running · on wasm · epoch 1/5\r\u001b[2K`);
    expect(written.endsWith('\r\u001b[2K')).toBe(true);
  });
});
