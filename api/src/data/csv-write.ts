import { cellText, type Table } from './table.js';

function quote(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 text of a table (missing cells empty), the form every dataset is stored in. */
export function tableToCsv(table: Table): string {
  const lines = [table.columns.map((column) => quote(column.name)).join(',')];
  for (let row = 0; row < table.rowCount; row += 1) {
    lines.push(table.columns.map((column) => quote(cellText(column, row) ?? '')).join(','));
  }
  return `${lines.join('\n')}\n`;
}
