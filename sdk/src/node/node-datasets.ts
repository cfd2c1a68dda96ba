import type { Dataset } from '../spec/index.js';
import type { DatasetUploadParams, RequestOptions } from '../client/index.js';
import { Datasets } from '../client/index.js';
import { fileFromPath } from './file-from-path.js';

/** Node uploads also take `{ path }`: a CSV on disk, streamed, named after the file by default. */
export type NodeDatasetUploadParams = DatasetUploadParams | ({ path: string } & Omit<Extract<DatasetUploadParams, { file: unknown }>, 'file'>);

/** `client.datasets` on Node: everything of the portable resource, plus uploads from a path. */
export class NodeDatasets extends Datasets {
  /** Uploads a CSV (`path`, `file`) or JSON `rows`; resolves with the profiled Dataset. Timeout 10 min. */
  override async upload(params: NodeDatasetUploadParams, options?: RequestOptions): Promise<Dataset> {
    if (!('path' in params)) return super.upload(params, options);
    const { path, ...rest } = params;
    return super.upload({ ...rest, file: await fileFromPath(path) }, options);
  }
}
