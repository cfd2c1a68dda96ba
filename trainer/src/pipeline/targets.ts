import { DatasetError, type Column, type Table } from '@layerlab/api/data';
import type { ResolvedTask } from '@layerlab/sdk/spec';

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 't']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'f']);

export function columnByName(table: Table, name: string): Column {
  const column = table.columns.find((candidate) => candidate.name === name);
  if (column === undefined) throw new DatasetError(`column "${name}" not found in the dataset`, 'target');
  return column;
}

/** The class label of a cell as text (numbers print without trailing zeros), null if missing. */
export function labelOf(column: Column, row: number): string | null {
  if (column.kind === 'string') return column.strings[row] ?? null;
  const value = column.numbers[row] ?? Number.NaN;
  return Number.isNaN(value) ? null : String(value);
}

/** A 0/1 flag cell for multilabel targets; null if missing, NaN if not a flag. */
export function flagOf(column: Column, row: number): number | null {
  if (column.kind === 'numeric') {
    const value = column.numbers[row] ?? Number.NaN;
    if (Number.isNaN(value)) return null;
    return value === 0 || value === 1 ? value : Number.NaN;
  }
  const text = column.strings[row];
  if (text === null || text === undefined) return null;
  const lower = text.toLowerCase();
  if (TRUE_WORDS.has(lower)) return 1;
  if (FALSE_WORDS.has(lower)) return 0;
  return Number.NaN;
}

/** Rows whose every target cell is present: the only rows a model can learn from. */
export function rowsWithTargets(table: Table, targets: Column[]): Int32Array {
  const rows: number[] = [];
  for (let row = 0; row < table.rowCount; row += 1) {
    if (targets.every((column) => labelOf(column, row) !== null)) rows.push(row);
  }
  return Int32Array.from(rows);
}

/** The sorted classes of a classification target (numerically when every label is a number). */
export function classesOf(column: Column, rows: Int32Array): string[] {
  const seen = new Set<string>();
  for (const row of rows) {
    const label = labelOf(column, row);
    if (label !== null) seen.add(label);
  }
  const classes = [...seen];
  const numeric = classes.every((label) => Number.isFinite(Number(label)));
  return numeric ? classes.sort((a, b) => Number(a) - Number(b)) : classes.sort();
}

/** Checks the data agrees with the task, with a message a user can act on. */
export function checkTargets(options: { task: ResolvedTask; targets: Column[]; rows: Int32Array; classes: string[] | null }) {
  const { task, targets, rows } = options;
  if (rows.length === 0) throw new DatasetError('no row has a value in the target column(s)', 'target');
  if (task === 'binary' || task === 'multiclass') {
    const count = options.classes?.length ?? 0;
    if (count < 2) throw new DatasetError(`target column "${targets[0]?.name}" has a single class: there is nothing to learn`, 'target');
    if (task === 'binary' && count !== 2) {
      throw new DatasetError(`binary classification needs 2 classes; "${targets[0]?.name}" has ${count}`, 'target');
    }
  }
  if (task === 'regression') {
    const bad = targets.find((column) => column.kind !== 'numeric');
    if (bad !== undefined) throw new DatasetError(`regression needs a numeric target; "${bad.name}" holds text`, 'target');
  }
  if (task === 'multilabel') {
    for (const column of targets) {
      for (const row of rows) {
        if (Number.isNaN(flagOf(column, row))) {
          throw new DatasetError(`multilabel target "${column.name}" must hold 0/1 or true/false (row ${row + 1})`, 'target');
        }
      }
    }
  }
}
