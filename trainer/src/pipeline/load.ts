import { parseCsv, DatasetError, type Table } from '@layerlab/api/data';
import { getJson, keys, type ObjectStore } from '@layerlab/api/store';
import { Dataset } from '@layerlab/sdk/spec';

/** The dataset's stored CSV as a table, with its profile (from upload). */
export async function loadDataset(options: { store: ObjectStore; tenant: string; datasetId: string }): Promise<{ table: Table; meta: Dataset }> {
  const k = keys.dataset(options.tenant, options.datasetId);
  const [meta, data] = await Promise.all([getJson(options.store, k.meta, Dataset), options.store.get(k.data)]);
  if (meta === null || data === null) throw new DatasetError(`dataset ${options.datasetId} no longer exists`, 'dataset');
  const table = parseCsv(new TextDecoder().decode(data.body), { delimiter: ',' });
  return { table, meta };
}
