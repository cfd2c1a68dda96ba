import { describe, expect, it } from 'vitest';
import { createStyle } from './style.js';
import { renderTable } from './table.js';

describe('renderTable', () => {
  it('aligns columns, right-aligns numbers, rules the header', () => {
    const text = renderTable(
      [
        ['job_a', '12', 'succeeded'],
        ['job_bb', '3', 'failed'],
      ],
      { head: ['id', 'epochs', 'status'], alignRight: [1] },
    );
    expect(text).toBe(['  id      epochs  status', '  ──────  ──────  ─────────', '  job_a       12  succeeded', '  job_bb       3  failed', ''].join('\n'));
  });

  it('measures coloured cells by their visible width', () => {
    const style = createStyle(true);
    const text = renderTable([[style.green('ok'), 'x'], ['long', 'y']]);
    expect(text).toBe(`  ${style.green('ok')}    x\n  long  y\n`);
  });

  it('leaves out droppable columns, first listed first, until the table fits', () => {
    const rows = [['job_a', 'train', 'succeeded', 'mdl_a']];
    const options = { head: ['id', 'type', 'status', 'model'], droppable: [3, 1], alignRight: [2] };
    // whole: "  job_a  train  succeeded  model" is 32 columns wide
    expect(renderTable(rows, { ...options, maxWidth: 40 })).toBe(renderTable(rows, options));
    expect(renderTable(rows, { ...options, maxWidth: 30 })).toBe('  id     type      status\n  ─────  ─────  ─────────\n  job_a  train  succeeded\n');
    expect(renderTable(rows, { ...options, maxWidth: 20 })).toBe('  id        status\n  ─────  ─────────\n  job_a  succeeded\n');
  });
});
