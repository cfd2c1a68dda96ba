import { z } from 'zod';
import { ColumnName, DatasetId, Timestamp } from './ids.js';
import { pageOf } from './page.js';

/**
 * numeric: every present value parses as a finite number.
 * categorical: anything else with a manageable number of distinct values.
 * text: a string column whose values are nearly all distinct (ids, free text); not a feature
 * unless named in `features.include`.
 */
export const ColumnType = z.enum(['numeric', 'categorical', 'text']);
export type ColumnType = z.infer<typeof ColumnType>;

export const ValueCount = z.object({ value: z.string(), count: z.number().int() });

export const ColumnProfile = z
  .object({
    name: ColumnName,
    type: ColumnType,
    missing: z.number().int().min(0).meta({ description: 'Empty cells (and NA, NaN, null, ?)' }),
    distinct: z.number().int().min(0),
    min: z.number().optional(),
    max: z.number().optional(),
    mean: z.number().optional(),
    std: z.number().optional().meta({ description: 'Population standard deviation' }),
    top: z.array(ValueCount).optional().meta({ description: 'Most frequent values (at most 10), non-numeric columns' }),
  })
  .meta({ id: 'ColumnProfile' });
export type ColumnProfile = z.infer<typeof ColumnProfile>;

export const Dataset = z
  .object({
    id: DatasetId,
    name: z.string(),
    format: z.enum(['csv', 'json']),
    rows: z.number().int().min(0),
    sizeBytes: z.number().int().min(0),
    columns: z.array(ColumnProfile),
    createdAt: Timestamp,
  })
  .meta({ id: 'Dataset' });
export type Dataset = z.infer<typeof Dataset>;

export const DatasetName = z.string().trim().min(1).max(200);

/** A cell of an uploaded or predicted row. */
export const CellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type CellValue = z.infer<typeof CellValue>;

export const Row = z.record(z.string(), CellValue);
export type Row = z.infer<typeof Row>;

/** `POST /v1/datasets` with `application/json`. */
export const DatasetRowsUpload = z
  .object({
    name: DatasetName,
    rows: z.array(Row).min(1, 'needs at least one row'),
  })
  .strict()
  .meta({ id: 'DatasetRowsUpload' });
export type DatasetRowsUpload = z.infer<typeof DatasetRowsUpload>;

/** Query parameters of a CSV upload (`POST /v1/datasets?name=...`). */
export const CsvUploadQuery = z.object({
  name: DatasetName.optional().meta({ description: 'CSV uploads: the dataset name (default "untitled")' }),
  delimiter: z.enum(['auto', 'comma', 'semicolon', 'tab', 'pipe']).default('auto').meta({
    description: 'auto: sniffed from the header line',
  }),
  header: z.enum(['true', 'false']).default('true').meta({ description: 'false: the first line is data; columns are named column_1, column_2, ...' }),
});
export type CsvUploadQuery = z.input<typeof CsvUploadQuery>;

export const DatasetList = pageOf(Dataset, 'DatasetList');
export type DatasetList = z.infer<typeof DatasetList>;
