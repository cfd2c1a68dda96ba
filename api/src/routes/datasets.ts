import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { CsvUploadQuery, Dataset, DatasetId, DatasetList, DatasetRowsUpload, PageQuery } from '@layerlab/sdk/spec';
import { z } from 'zod';
import type { AppEnv } from '../app-env.js';
import { ApiError } from '../errors/api-error.js';
import { createDatasetFromCsv, createDatasetFromRows, deleteDataset, getDataset, listDatasets } from '../services/datasets.js';
import { COMMON_ERRORS, errors, json } from './openapi-helpers.js';

const tags = ['datasets'];
const Params = z.object({ id: DatasetId });
const CSV_TYPES = /^(text\/csv|application\/csv|text\/plain|text\/tab-separated-values)\b/i;

const CsvBody = z.string().meta({ example: 'sqft,rooms,price\n1200,3,250000\n' });
const DELIMITERS = { auto: 'auto', comma: ',', semicolon: ';', tab: '\t', pipe: '|' } as const;

const upload = createRoute({
  method: 'post',
  path: '/v1/datasets',
  tags,
  summary: 'Upload a dataset (CSV body, or JSON rows)',
  description: 'CSV: header row required, RFC 4180 quoting, delimiter sniffed. Returns the profiled columns.',
  request: {
    query: CsvUploadQuery,
    body: {
      // not `required`: that would run the JSON validator on CSV bodies too; the handler checks
      content: {
        'text/csv': { schema: CsvBody },
        'application/csv': { schema: CsvBody },
        'text/plain': { schema: CsvBody },
        'text/tab-separated-values': { schema: CsvBody },
        'application/json': { schema: DatasetRowsUpload },
      },
    },
  },
  responses: {
    201: json(Dataset, 'The stored dataset and its profile'),
    ...errors('MALFORMED_REQUEST', 'VALIDATION_FAILED', 'DATASET_INVALID', 'PAYLOAD_TOO_LARGE', ...COMMON_ERRORS),
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/datasets',
  tags,
  summary: 'List datasets, newest first',
  request: { query: PageQuery },
  responses: { 200: json(DatasetList, 'A page of datasets'), ...errors('VALIDATION_FAILED', ...COMMON_ERRORS) },
});

const get = createRoute({
  method: 'get',
  path: '/v1/datasets/{id}',
  tags,
  summary: 'Get a dataset and its profile',
  request: { params: Params },
  responses: { 200: json(Dataset, 'The dataset'), ...errors('NOT_FOUND', ...COMMON_ERRORS) },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/datasets/{id}',
  tags,
  summary: 'Delete a dataset (409 while unfinished jobs use it)',
  request: { params: Params },
  responses: { 204: { description: 'Deleted' }, ...errors('NOT_FOUND', 'CONFLICT', ...COMMON_ERRORS) },
});

export function datasetRoutes() {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(upload, async (c) => {
    const scope = { store: c.get('deps').store, tenant: c.get('tenant') };
    const query = c.req.valid('query');
    const contentType = c.req.header('content-type') ?? '';
    if (/^application\/json\b/i.test(contentType)) {
      const body = c.req.valid('json');
      if (typeof body === 'string') throw new ApiError('MALFORMED_REQUEST', 'JSON uploads are { "name": ..., "rows": [...] }');
      return c.json(await createDatasetFromRows(scope, { name: body.name, rows: body.rows }), 201);
    }
    if (!CSV_TYPES.test(contentType)) {
      throw new ApiError('MALFORMED_REQUEST', 'send the file as Content-Type: text/csv, or JSON rows as application/json');
    }
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const dataset = await createDatasetFromCsv(scope, {
      name: query.name ?? 'untitled',
      bytes,
      csv: { delimiter: DELIMITERS[query.delimiter], header: query.header === 'true' },
    });
    return c.json(dataset, 201);
  });

  app.openapi(list, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    return c.json(await listDatasets({ store: c.get('deps').store, tenant: c.get('tenant') }, { limit, cursor }), 200);
  });

  app.openapi(get, async (c) => {
    return c.json(await getDataset({ store: c.get('deps').store, tenant: c.get('tenant') }, c.req.valid('param').id), 200);
  });

  app.openapi(remove, async (c) => {
    await deleteDataset({ store: c.get('deps').store, tenant: c.get('tenant') }, c.req.valid('param').id);
    return c.body(null, 204);
  });

  return app;
}
