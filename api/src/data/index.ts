export { DatasetError } from './dataset-error.js';
export { isMissingToken, parseNumber } from './cells.js';
export { ColumnBuilder, cellText, selectRows, type Column, type Table } from './table.js';
export { parseCsv, sniffDelimiter, type CsvOptions } from './csv-parse.js';
export { rowsToTable } from './rows-table.js';
export { tableToCsv } from './csv-write.js';
export { profileTable } from './profile.js';
export { resolveTask, MAX_INTEGER_CLASSES } from './task.js';
