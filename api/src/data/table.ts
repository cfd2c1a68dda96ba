import { isMissingToken, parseNumber } from './cells.js';

/**
 * A column-oriented table. Numeric columns keep float64 values (NaN = missing), which keeps a
 * 70k × 785 image dataset in a few hundred MB instead of tens of millions of strings.
 */
export interface Column {
  name: string;
  kind: 'numeric' | 'string';
  /** numeric columns: one value per row, NaN where missing */
  numbers: Float64Array;
  /** string columns: one value per row, null where missing */
  strings: (string | null)[];
}

export interface Table {
  columns: Column[];
  rowCount: number;
}

/** Accumulates one column's cells, numeric until a cell proves otherwise. */
export class ColumnBuilder {
  private numbers = new Float64Array(1024);
  private strings: (string | null)[] | null = null;
  private length = 0;

  constructor(readonly name: string) {}

  /** Adds a raw cell as read from a file (trimmed by the caller). */
  pushText(text: string): void {
    if (isMissingToken(text)) return this.pushMissing();
    if (this.strings !== null) {
      this.strings.push(text);
      this.length += 1;
      return;
    }
    const value = parseNumber(text);
    if (Number.isNaN(value)) {
      this.toStrings().push(text);
      this.length += 1;
      return;
    }
    this.pushNumber(value);
  }

  /** Adds a typed cell (JSON rows): numbers stay numbers, booleans become "true"/"false". */
  pushValue(value: string | number | boolean | null | undefined): void {
    if (value === null || value === undefined) return this.pushMissing();
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return this.pushMissing();
      if (this.strings !== null) {
        this.strings.push(String(value));
        this.length += 1;
        return;
      }
      return this.pushNumber(value);
    }
    this.pushText(typeof value === 'boolean' ? String(value) : value.trim());
  }

  pushMissing(): void {
    if (this.strings === null) return this.pushNumber(Number.NaN);
    this.strings.push(null);
    this.length += 1;
  }

  private pushNumber(value: number): void {
    if (this.length === this.numbers.length) {
      const grown = new Float64Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    this.numbers[this.length] = value;
    this.length += 1;
  }

  private toStrings(): (string | null)[] {
    const strings: (string | null)[] = new Array<string | null>(this.length);
    for (let i = 0; i < this.length; i += 1) {
      const value = this.numbers[i] ?? Number.NaN;
      strings[i] = Number.isNaN(value) ? null : String(value);
    }
    this.strings = strings;
    this.numbers = new Float64Array(0);
    return strings;
  }

  get size(): number {
    return this.length;
  }

  build(): Column {
    if (this.strings !== null) {
      return { name: this.name, kind: 'string', numbers: new Float64Array(0), strings: this.strings };
    }
    return { name: this.name, kind: 'numeric', numbers: this.numbers.slice(0, this.length), strings: [] };
  }
}

/** The text of a cell, for messages and CSV output; null when missing. */
export function cellText(column: Column, row: number): string | null {
  if (column.kind === 'string') return column.strings[row] ?? null;
  const value = column.numbers[row] ?? Number.NaN;
  return Number.isNaN(value) ? null : String(value);
}

/** A copy of the table with only the given rows, in that order. */
export function selectRows(table: Table, rows: ArrayLike<number>): Table {
  const columns = table.columns.map((column): Column => {
    if (column.kind === 'numeric') {
      const numbers = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i += 1) numbers[i] = column.numbers[rows[i] ?? 0] ?? Number.NaN;
      return { ...column, numbers };
    }
    const strings = new Array<string | null>(rows.length);
    for (let i = 0; i < rows.length; i += 1) strings[i] = column.strings[rows[i] ?? 0] ?? null;
    return { ...column, strings };
  });
  return { columns, rowCount: rows.length };
}
