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
});
