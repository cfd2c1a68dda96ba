import { describe, expect, it } from 'vitest';
import { cellText } from './table.js';
import { parseCsv, sniffDelimiter } from './csv-parse.js';
import { DatasetError } from './dataset-error.js';

const texts = (csv: string, column: number) => {
  const table = parseCsv(csv);
  const col = table.columns[column];
  if (col === undefined) throw new Error('no such column');
  return Array.from({ length: table.rowCount }, (_, row) => cellText(col, row));
};

describe('parseCsv', () => {
  it('reads numeric and string columns, with missing cells', () => {
    const table = parseCsv('a,b\n1,x\n2.5,\nNA,y\n');
    expect(table.rowCount).toBe(3);
    expect(table.columns.map((c) => [c.name, c.kind])).toEqual([['a', 'numeric'], ['b', 'string']]);
    expect(Array.from(table.columns[0]?.numbers ?? [])).toEqual([1, 2.5, Number.NaN]);
    expect(table.columns[1]?.strings).toEqual(['x', null, 'y']);
  });

  it('follows RFC 4180: quotes, doubled quotes, delimiters and newlines inside quotes, CRLF', () => {
    const csv = 'name,note\r\n"Smith, J","said ""hi"""\r\n"multi\nline",plain\r\n';
    expect(texts(csv, 0)).toEqual(['Smith, J', 'multi\nline']);
    expect(texts(csv, 1)).toEqual(['said "hi"', 'plain']);
  });

  it('drops a BOM, trims unquoted fields and skips blank lines', () => {
    const table = parseCsv('\uFEFFa, b\n 1 , yes \n\n2,no\n');
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(table.rowCount).toBe(2);
    expect(table.columns[1]?.strings).toEqual(['yes', 'no']);
  });

  it('turns a column with any non-number into strings, keeping earlier numbers as text', () => {
    expect(texts('v\n1\n2\nthree\n', 0)).toEqual(['1', '2', 'three']);
    expect(parseCsv('v\n1\n2\nthree\n').columns[0]?.kind).toBe('string');
  });

  it('does not read hex or Infinity as numbers', () => {
    expect(parseCsv('v\n0x10\n1\n').columns[0]?.kind).toBe('string');
    expect(parseCsv('v\nInfinity\n1\n').columns[0]?.kind).toBe('string');
  });

  it('sniffs semicolons and tabs from the header', () => {
    expect(sniffDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(sniffDelimiter('a\tb\n1\t2')).toBe('\t');
    expect(sniffDelimiter('"x;y",b\n')).toBe(',');
    expect(parseCsv('fixed acidity;quality\n7.4;5\n7.8;6\n').columns.map((c) => c.name)).toEqual(['fixed acidity', 'quality']);
  });

  it('names headerless columns when header=false', () => {
    const table = parseCsv('5.1,3.5,setosa\n4.9,3.0,setosa\n', { header: false });
    expect(table.columns.map((c) => c.name)).toEqual(['column_1', 'column_2', 'column_3']);
    expect(table.rowCount).toBe(2);
  });

  it('names an empty header cell after its position', () => {
    expect(parseCsv(',a\n0,1\n').columns.map((c) => c.name)).toEqual(['column_1', 'a']);
  });

  it.each([
    ['', /empty/],
    ['   \n\n', /empty/],
    ['a,b\n', /no data rows/],
    ['a,b\n1,2\n3\n', /line 3 has 1 fields but the header has 2/],
    ['a,b\n1,2,3\n', /line 2 has 3 fields/],
    ['a,b\n"1,2\n', /never closed/],
    ['a,a\n1,2\n', /names column "a" twice/],
    ['a,b\n"x"y,2\n', /unexpected text after a quoted field/],
  ])('rejects %j with a message a user can act on', (csv, message) => {
    expect(() => parseCsv(csv)).toThrow(DatasetError);
    expect(() => parseCsv(csv)).toThrow(message);
  });

  it('counts lines correctly past quoted newlines', () => {
    expect(() => parseCsv('a,b\n"x\ny",1\n2\n')).toThrow(/line 4 has 1 fields/);
  });
});
