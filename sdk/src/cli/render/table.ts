import { visibleLength } from './style.js';

export interface TableOptions {
  /** Header cells; omitted for key/value tables. */
  head?: string[];
  /** Columns aligned right (numbers), by index. */
  alignRight?: number[];
  /** Prefix of every line. Default two spaces. */
  indent?: string;
  /** Terminal columns: while a line is wider, columns of `droppable` are left out, first listed first. */
  maxWidth?: number;
  droppable?: number[];
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - visibleLength(text)));
  return right ? fill + text : text + fill;
}

/** The table without column `drop`. */
function without(rows: string[][], options: TableOptions, drop: number): { rows: string[][]; options: TableOptions } {
  const keep = (row: string[]) => row.filter((_, index) => index !== drop);
  const shift = (indices: number[] | undefined) => indices?.filter((i) => i !== drop).map((i) => (i > drop ? i - 1 : i));
  const next: TableOptions = { ...options };
  if (options.head !== undefined) next.head = keep(options.head);
  const alignRight = shift(options.alignRight);
  if (alignRight !== undefined) next.alignRight = alignRight;
  next.droppable = shift(options.droppable?.slice(1)) ?? [];
  return { rows: rows.map(keep), options: next };
}

/** Rows as aligned columns separated by two spaces, with a rule under the header; fitted to maxWidth by dropping columns. */
export function renderTable(rows: string[][], options: TableOptions = {}): string {
  const text = layout(rows, options);
  const drop = options.droppable?.[0];
  if (options.maxWidth === undefined || drop === undefined) return text;
  const widest = Math.max(...text.split('\n').map(visibleLength));
  if (widest < options.maxWidth) return text;
  const next = without(rows, options, drop);
  return renderTable(next.rows, next.options);
}

function layout(rows: string[][], options: TableOptions): string {
  const indent = options.indent ?? '  ';
  const all = options.head === undefined ? rows : [options.head, ...rows];
  const columns = Math.max(0, ...all.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) => Math.max(0, ...all.map((row) => visibleLength(row[column] ?? ''))));
  const right = new Set(options.alignRight ?? []);
  const line = (row: string[]) =>
    indent +
    widths
      .map((width, column) => pad(row[column] ?? '', column === columns - 1 && !right.has(column) ? 0 : width, right.has(column)))
      .join('  ')
      .trimEnd();
  const out = rows.map(line);
  if (options.head !== undefined) out.unshift(line(options.head), indent + widths.map((width) => '─'.repeat(width)).join('  '));
  return `${out.join('\n')}\n`;
}
