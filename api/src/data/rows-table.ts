import type { Row } from '@layerlab/sdk/spec';
import { DatasetError } from './dataset-error.js';
import { ColumnBuilder, type Table } from './table.js';

/**
 * JSON rows → a table. Columns are the union of every row's keys in first-seen order; a key
 * missing from a row is a missing cell.
 */
export function rowsToTable(rows: Row[]): Table {
  if (rows.length === 0) throw new DatasetError('needs at least one row', 'rows');
  const names: string[] = [];
  const known = new Set<string>();
  for (const row of rows) {
    for (const name of Object.keys(row)) {
      if (!known.has(name)) {
        known.add(name);
        names.push(name);
      }
    }
  }
  if (names.length === 0) throw new DatasetError('the rows have no fields', 'rows');
  const builders = names.map((name) => new ColumnBuilder(name));
  for (const row of rows) {
    builders.forEach((builder) => builder.pushValue(row[builder.name]));
  }
  return { columns: builders.map((builder) => builder.build()), rowCount: rows.length };
}
