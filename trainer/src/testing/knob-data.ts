import { parseCsv, profileTable } from '@layerlab/api/data';
import { newId } from '@layerlab/api/ids';
import { keys, putJson, type ObjectStore } from '@layerlab/api/store';
import type { Dataset } from '@layerlab/sdk/spec';
import { createRandom } from '../random.js';

/**
 * A small table that every knob can train on, the same every call: four numeric features, a
 * categorical one, a 3-class label, a binary one, two regression targets (one positive, one
 * in ±something) and two 0/1 flags for multilabel. The targets depend on the features.
 */
export function knobCsv(rows = 96): string {
  const random = createRandom(7);
  const lines = ['x0,x1,x2,x3,colour,cls,bin,y,z,f1,f2'];
  const colours = ['red', 'green', 'blue'];
  for (let i = 0; i < rows; i += 1) {
    const x = [0, 1, 2, 3].map(() => Number((random() * 4 - 2).toFixed(3))) as [number, number, number, number];
    const score = x[0] - 0.5 * x[1] + 0.3 * x[2];
    const cls = score > 0.7 ? 'high' : score < -0.7 ? 'low' : 'mid';
    const y = (Math.exp(0.4 * x[0]) + 0.2 * x[3] + 1).toFixed(4);
    const z = (2 * x[1] - x[2] + 0.1 * x[3]).toFixed(4);
    lines.push([...x, colours[i % 3], cls, score > 0 ? 'yes' : 'no', y, z, x[2] > 0 ? 1 : 0, x[3] > x[0] ? 1 : 0].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Stores a CSV as an uploaded dataset would be (data.csv and its profile, meta.json); returns its id. */
export async function storeDataset(options: { store: ObjectStore; tenant: string; csv: string; name?: string }): Promise<Dataset> {
  const table = parseCsv(options.csv, { delimiter: ',' });
  const dataset: Dataset = {
    id: newId('dataset'),
    name: options.name ?? 'knobs',
    format: 'csv',
    rows: table.rowCount,
    sizeBytes: options.csv.length,
    columns: profileTable(table),
    createdAt: new Date().toISOString(),
  };
  const k = keys.dataset(options.tenant, dataset.id);
  await options.store.put(k.data, options.csv, { contentType: 'text/csv' });
  await putJson(options.store, k.meta, dataset);
  return dataset;
}
