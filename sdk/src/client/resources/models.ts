import type { z } from 'zod';
import type { ArtifactFile, Artifacts, Model, PredictResponse } from '../../spec/index.js';
import type { HttpClient, RequestOptions } from '../http-client.js';
import { PagePromise, type PageBody } from '../pagination.js';
import type { PageParams, PredictParams } from '../params.js';
import { path } from '../path.js';

/** `model.json`, `weights.bin` or `preprocessing.json`. */
export type ArtifactName = z.infer<typeof ArtifactFile>['name'];

/** `client.models`: the trained models, their predictions and their files. */
export class Models {
  constructor(protected readonly http: HttpClient) {}

  /** A model card: task, features, target, classes, architecture, test metrics. */
  retrieve(id: string, options?: RequestOptions): Promise<Model> {
    return this.http.json<Model>({ method: 'GET', path: path`/v1/models/${id}`, options });
  }

  /** Models, newest first: await a page or `for await` over all. */
  list(params: PageParams = {}, options?: RequestOptions): PagePromise<Model> {
    return new PagePromise((cursor) =>
      this.http.json<PageBody<Model>>({ method: 'GET', path: '/v1/models', query: { ...params, cursor: cursor ?? params.cursor }, options }),
    );
  }

  /**
   * Predictions for raw rows (up to 1,000): `{ label, probabilities }` for classification,
   * `{ labels, probabilities }` for multilabel, `{ value }` or `{ values }` for regression.
   */
  predict(id: string, params: PredictParams, options?: RequestOptions): Promise<PredictResponse> {
    return this.http.json<PredictResponse>({ method: 'POST', path: path`/v1/models/${id}/predict`, body: { json: params }, options });
  }

  /** Short-lived URLs of the TensorFlow.js LayersModel files (tf.loadLayersModel) and preprocessing.json. */
  artifacts(id: string, options?: RequestOptions): Promise<Artifacts> {
    return this.http.json<Artifacts>({ method: 'GET', path: path`/v1/models/${id}/artifacts`, options });
  }

  /** One artifact file's bytes (model.json as served, with no token in its weight paths). */
  async downloadArtifact(id: string, name: ArtifactName, options?: RequestOptions): Promise<Uint8Array> {
    const response = await this.http.response({
      method: 'GET',
      path: path`/v1/models/${id}/artifacts/${name}`,
      headers: { accept: '*/*' },
      options,
    });
    return new Uint8Array(await response.arrayBuffer());
  }
}
