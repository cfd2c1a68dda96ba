import type { z } from 'zod';
import type { CsvUploadQuery, DatasetName, DatasetRowsUpload } from '../spec/index.js';
import { LayerlabError } from './errors.js';
import type { RequestBody } from './http-client.js';

/** CSV content: the text itself, its bytes (a Node Buffer is a Uint8Array), or a Blob/File. */
export type UploadSource = string | Blob | ArrayBuffer | ArrayBufferView;

/** `datasets.upload`: a CSV file (`file`) or JSON rows (`rows`). */
export type DatasetUploadParams =
  | { file: UploadSource; name?: z.input<typeof DatasetName>; delimiter?: CsvUploadQuery['delimiter']; header?: boolean }
  | z.input<typeof DatasetRowsUpload>;

const TSV = /\.(tsv|tab)$/i;

/** A file name without folders or extension: `data/houses.csv` → `houses`. */
export function datasetNameOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base.replace(/\.[^.]+$/, '');
  return stem === '' ? base : stem;
}

/** A view's bytes as a Uint8Array over an ArrayBuffer (copied only when it sits on a SharedArrayBuffer). */
function bytesOf(view: ArrayBufferView): Uint8Array<ArrayBuffer> {
  if (view.buffer instanceof ArrayBuffer) return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const copy = new Uint8Array(view.byteLength);
  copy.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  return copy;
}

/** Query parameters of a CSV upload besides the name: the delimiter and whether there is a header row. */
export function csvOptions(params: DatasetUploadParams): { delimiter?: string; header?: string } {
  if ('rows' in params) return {};
  return {
    ...(params.delimiter === undefined ? {} : { delimiter: params.delimiter }),
    ...(params.header === undefined ? {} : { header: String(params.header) }),
  };
}

/** The request body and `?name=` of an upload. */
export function uploadBody(params: DatasetUploadParams): { body: RequestBody; name: string | undefined } {
  if ('rows' in params) return { body: { json: { name: params.name, rows: params.rows } }, name: undefined };
  const { file } = params;
  const fileName = typeof File !== 'undefined' && file instanceof File ? file.name : undefined;
  const name = params.name ?? (fileName === undefined || fileName === '' ? undefined : datasetNameOf(fileName));
  const tabbed = (fileName !== undefined && TSV.test(fileName)) || (file instanceof Blob && file.type === 'text/tab-separated-values');
  const contentType = tabbed ? 'text/tab-separated-values' : 'text/csv';
  if (typeof file === 'string' || file instanceof Blob) return { body: { raw: file, contentType }, name };
  if (file instanceof ArrayBuffer) return { body: { raw: new Uint8Array(file), contentType }, name };
  if (ArrayBuffer.isView(file)) return { body: { raw: bytesOf(file), contentType }, name };
  throw new LayerlabError('datasets.upload: `file` must be a string, Blob/File, ArrayBuffer or Uint8Array (in Node, use { path } from @layerlab/sdk/node)');
}
