import { visibleLength } from './style.js';

export interface TableOptions {
  /** Header cells; omitted for key/value tables. */
  head?: string[];
  /** Columns aligned right (numbers), by index. */
  alignRight?: number[];
  /** Prefix of every line. Default two spaces. */
  indent?: string;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - visibleLength(text)));
  return right ? fill + text : text + fill;
}

/** Rows as aligned columns separated by two spaces, with a rule under the header. */
export function renderTable(rows: string[][], options: TableOptions = {}): string {
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
