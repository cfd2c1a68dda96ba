import type { Dataset } from '../../spec/index.js';
import type { HttpClient, RequestOptions } from '../http-client.js';
import { PagePromise, type PageBody } from '../pagination.js';
import type { PageParams } from '../params.js';
import { path } from '../path.js';
import { csvOptions, uploadBody, type DatasetUploadParams } from '../upload-body.js';

/** Uploads get this long per attempt unless the call says otherwise: big CSVs take a while. */
export const UPLOAD_TIMEOUT_MS = 10 * 60 * 1000;

/** `client.datasets`: upload, list, retrieve, delete. */
export class Datasets {
  constructor(protected readonly http: HttpClient) {}

  /**
   * Uploads a CSV (`file`: text, bytes or Blob; `delimiter` default sniffed, `header` default true)
   * or JSON `rows`; resolves with the profiled Dataset. Timeout 10 min.
   */
  upload(params: DatasetUploadParams, options?: RequestOptions): Promise<Dataset> {
    const { body, name } = uploadBody(params);
    return this.http.json<Dataset>({
      method: 'POST',
      path: '/v1/datasets',
      query: { name, ...csvOptions(params) },
      body,
      options: { timeout: Math.max(UPLOAD_TIMEOUT_MS, this.http.config.timeout), ...options },
    });
  }

  /** One dataset and its column profile. */
  retrieve(id: string, options?: RequestOptions): Promise<Dataset> {
    return this.http.json<Dataset>({ method: 'GET', path: path`/v1/datasets/${id}`, options });
  }

  /** Datasets, newest first: await for a page, or `for await` over all of them (limit: page size, default 20). */
  list(params: PageParams = {}, options?: RequestOptions): PagePromise<Dataset> {
    return new PagePromise((cursor) =>
      this.http.json<PageBody<Dataset>>({ method: 'GET', path: '/v1/datasets', query: { ...params, cursor: cursor ?? params.cursor }, options }),
    );
  }

  /** Deletes a dataset (409 ConflictError while an unfinished job uses it). */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.http.json<undefined>({ method: 'DELETE', path: path`/v1/datasets/${id}`, options });
  }
}
