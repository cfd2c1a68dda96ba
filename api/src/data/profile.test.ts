import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-parse.js';
import { profileTable } from './profile.js';
import { rowsToTable } from './rows-table.js';
import { tableToCsv } from './csv-write.js';

describe('profileTable', () => {
  it('computes numeric stats by hand-checkable numbers', () => {
    // values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population std 2 (the textbook example)
    const [column] = profileTable(parseCsv('v\n2\n4\n4\n4\n5\n5\n7\n9\n\n'));
    expect(column).toMatchObject({ name: 'v', type: 'numeric', missing: 0, distinct: 5, min: 2, max: 9, mean: 5 });
    expect(column?.std).toBeCloseTo(2, 12);
  });

  it('counts missing cells and ranks the most frequent categories', () => {
    const [column] = profileTable(parseCsv('c\nb\na\nb\n?\nc\nb\na\n'));
    expect(column).toMatchObject({ type: 'categorical', missing: 1, distinct: 3 });
    expect(column?.top).toEqual([
      { value: 'b', count: 3 },
      { value: 'a', count: 2 },
      { value: 'c', count: 1 },
    ]);
  });

  it('marks nearly-unique string columns as text', () => {
    const names = Array.from({ length: 120 }, (_, i) => `person ${i}`);
    const [column] = profileTable(parseCsv(`name\n${names.join('\n')}\n`));
    expect(column?.type).toBe('text');
  });

  it('a column with every cell missing is numeric with no stats', () => {
    const [, column] = profileTable(parseCsv('a,b\n1,\n2,\n'));
    expect(column).toEqual({ name: 'b', type: 'numeric', missing: 2, distinct: 0 });
  });
});

describe('rowsToTable / tableToCsv', () => {
  it('unions keys across rows and round-trips through CSV', () => {
    const table = rowsToTable([{ a: 1, b: 'x' }, { a: 2.5, c: true }, { b: 'he said "hi", twice' }]);
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    const csv = tableToCsv(table);
    expect(csv).toBe('a,b,c\n1,x,\n2.5,,true\n,"he said ""hi"", twice",\n');
    const back = parseCsv(csv);
    expect(back.rowCount).toBe(3);
    expect(back.columns[1]?.strings).toEqual(['x', null, 'he said "hi", twice']);
  });
});
