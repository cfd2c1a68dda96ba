import { Dataset, targetsOf, ResolvedTrainingSpec, type Row } from '@layerlab/sdk/spec';
import { parseCsv, type CsvOptions } from '../data/csv-parse.js';
import { tableToCsv } from '../data/csv-write.js';
import { profileTable } from '../data/profile.js';
import { rowsToTable } from '../data/rows-table.js';
import type { Table } from '../data/table.js';
import { ApiError, FINAL } from '../errors/api-error.js';
import { newId } from '../ids.js';
import { PendingMarker } from '../jobs/record.js';
import { getJson, putJson } from '../store/json.js';
import { keys } from '../store/keys.js';
import type { ObjectStore } from '../store/types.js';
import { listNewestFirst, type Page } from './listing.js';

interface Scope {
  store: ObjectStore;
  tenant: string;
}

async function save(scope: Scope, input: { name: string; format: 'csv' | 'json'; table: Table; csv: Uint8Array | string }) {
  const id = newId('dataset');
  const sizeBytes = typeof input.csv === 'string' ? new TextEncoder().encode(input.csv).byteLength : input.csv.byteLength;
  const dataset: Dataset = {
    id,
    name: input.name,
    format: input.format,
    rows: input.table.rowCount,
    sizeBytes,
    columns: profileTable(input.table),
    createdAt: new Date().toISOString(),
  };
  const k = keys.dataset(scope.tenant, id);
  await scope.store.put(k.data, input.csv, { contentType: 'text/csv' });
  // meta.json last: a dataset is visible only once its data is stored
  await putJson(scope.store, k.meta, dataset);
  return dataset;
}

/** Stores an uploaded CSV as is and returns its profile. Throws DatasetError on unusable data. */
export function createDatasetFromCsv(scope: Scope, input: { name: string; bytes: Uint8Array; csv?: CsvOptions }) {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(input.bytes);
  const table = parseCsv(text, input.csv ?? {});
  // header=false or another delimiter: store the normalised form every reader understands
  const normalised = input.csv?.header === false || /^[^\n]*[;\t|]/.test(text) ? tableToCsv(table) : input.bytes;
  return save(scope, { name: input.name, format: 'csv', table, csv: normalised });
}

/** Stores JSON rows (as CSV) and returns the profile. */
export function createDatasetFromRows(scope: Scope, input: { name: string; rows: Row[] }) {
  const table = rowsToTable(input.rows);
  return save(scope, { name: input.name, format: 'json', table, csv: tableToCsv(table) });
}

export async function getDataset(scope: Scope, id: string): Promise<Dataset> {
  const dataset = await getJson(scope.store, keys.dataset(scope.tenant, id).meta, Dataset);
  if (dataset === null) throw ApiError.notFound('dataset', id);
  return dataset;
}

export function listDatasets(scope: Scope, page: { limit: number; cursor?: string | undefined }): Promise<Page<Dataset>> {
  return listNewestFirst({
    store: scope.store,
    prefix: keys.datasets(scope.tenant),
    ...page,
    load: (id) => getJson(scope.store, keys.dataset(scope.tenant, id).meta, Dataset),
  });
}

/** Unfinished jobs of this tenant that read the dataset (deleting it would fail them). */
async function jobsUsing(scope: Scope, datasetId: string): Promise<string[]> {
  const users: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await scope.store.list(keys.pending(), cursor === null ? {} : { cursor });
    for (const object of page.objects) {
      const marker = await getJson(scope.store, object.key, PendingMarker).catch(() => null);
      if (marker === null || marker.tenant !== scope.tenant) continue;
      const spec = await getJson(scope.store, keys.job(scope.tenant, marker.jobId).spec, ResolvedTrainingSpec).catch(() => null);
      if (spec?.dataset === datasetId) users.push(marker.jobId);
    }
    cursor = page.cursor;
  } while (cursor !== null);
  return users;
}

export async function deleteDataset(scope: Scope, id: string): Promise<void> {
  await getDataset(scope, id);
  const users = await jobsUsing(scope, id);
  if (users.length > 0) {
    throw new ApiError('CONFLICT', `dataset ${id} is in use by unfinished job(s) ${users.join(', ')}; cancel them or wait`, FINAL);
  }
  const k = keys.dataset(scope.tenant, id);
  await scope.store.delete(k.meta);
  await scope.store.delete(k.data);
}

export { targetsOf };
