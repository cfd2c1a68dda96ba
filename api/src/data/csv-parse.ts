import { DatasetError } from './dataset-error.js';
import { ColumnBuilder, type Table } from './table.js';

export interface CsvOptions {
  /** `auto` sniffs `,` `;` tab or `|` from the header line. */
  delimiter?: 'auto' | ',' | ';' | '\t' | '|';
  /** false: the first line is data and columns are named column_1, column_2, ... */
  header?: boolean;
  /** Stop with an error past this many rows (default unlimited). */
  maxRows?: number;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** The delimiter that splits the header line into the most fields (quotes respected). */
export function sniffDelimiter(text: string): ',' | ';' | '\t' | '|' {
  const candidates = [',', ';', '\t', '|'] as const;
  const end = text.search(/\r|\n/);
  const line = end === -1 ? text : text.slice(0, end);
  let best: (typeof candidates)[number] = ',';
  let bestCount = 0;
  for (const candidate of candidates) {
    let count = 0;
    let quoted = false;
    for (const char of line) {
      if (char === '"') quoted = !quoted;
      else if (!quoted && char === candidate) count += 1;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, newlines inside quotes) straight
 * into columns. Unquoted fields are trimmed; blank lines are skipped; a UTF-8 BOM is dropped.
 * Throws DatasetError for a missing header, no rows, ragged rows or an unterminated quote.
 */
export function parseCsv(input: string, options: CsvOptions = {}): Table {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim().length === 0) throw new DatasetError('the CSV is empty: it needs a header row and at least one data row');
  const delimiter = (options.delimiter ?? 'auto') === 'auto' ? sniffDelimiter(text) : (options.delimiter as string);
  const delimiterCode = delimiter.charCodeAt(0);
  const hasHeader = options.header ?? true;

  let builders = null as ColumnBuilder[] | null;
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let rowCount = 0;

  const endRecord = () => {
    const blank = fields.length === 1 && fields[0] === '';
    if (blank) {
      fields = [];
      return;
    }
    if (builders === null) {
      if (hasHeader) {
        builders = headerBuilders(fields);
        fields = [];
        return;
      }
      builders = fields.map((_, index) => new ColumnBuilder(`column_${index + 1}`));
    }
    if (fields.length !== builders.length) {
      throw new DatasetError(
        `line ${recordLine} has ${fields.length} fields but the header has ${builders.length} (ragged rows)`,
      );
    }
    for (let i = 0; i < fields.length; i += 1) builders[i]?.pushText(fields[i] ?? '');
    rowCount += 1;
    if (options.maxRows !== undefined && rowCount > options.maxRows) {
      throw new DatasetError(`the CSV has more than ${options.maxRows} rows`);
    }
    fields = [];
  };

  let i = 0;
  const n = text.length;
  while (i < n) {
    recordLine = line;
    // one record
    for (;;) {
      // one field
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let start = i + 1;
        i = start;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) throw new DatasetError(`line ${recordLine}: a quoted field is never closed`);
          value += text.slice(start, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            i = q + 2;
            start = i;
            continue;
          }
          i = q + 1;
          break;
        }
        for (let k = value.indexOf('\n'); k !== -1; k = value.indexOf('\n', k + 1)) line += 1;
        // tolerate spaces between the closing quote and the delimiter
        while (i < n && text.charCodeAt(i) === 32) i += 1;
        fields.push(value);
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delimiterCode || c === LF || c === CR) break;
          j += 1;
        }
        fields.push(text.slice(i, j).trim());
        i = j;
      }
      const c = text.charCodeAt(i);
      if (c === delimiterCode) {
        i += 1;
        if (i === n) fields.push('');
        continue;
      }
      if (c === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      else if (c === LF) i += 1;
      else if (i < n) throw new DatasetError(`line ${recordLine}: unexpected text after a quoted field`);
      line += 1;
      break;
    }
    endRecord();
  }
  if (fields.length > 0) endRecord();

  const finished = builders as ColumnBuilder[] | null;
  if (finished === null) throw new DatasetError('the CSV is empty: it needs a header row and at least one data row');
  if (rowCount === 0) throw new DatasetError('the CSV has a header but no data rows');
  return { columns: finished.map((builder) => builder.build()), rowCount };
}

function headerBuilders(names: string[]): ColumnBuilder[] {
  const seen = new Set<string>();
  return names.map((raw, index) => {
    const name = raw.trim() === '' ? `column_${index + 1}` : raw.trim();
    if (seen.has(name)) throw new DatasetError(`the header names column "${name}" twice`);
    seen.add(name);
    return new ColumnBuilder(name);
  });
}
