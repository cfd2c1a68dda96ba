import { Model, PredictResponse, Problem, type Artifacts, type Row } from '@layerlab/sdk/spec';
import type { Dispatcher } from '../dispatch/types.js';
import { ApiError } from '../errors/api-error.js';
import { getJson } from '../store/json.js';
import { keys } from '../store/keys.js';
import type { ObjectStore } from '../store/types.js';
import { ARTIFACT_TOKEN_TTL_MS, artifactToken } from './artifact-token.js';
import { listNewestFirst, type Page } from './listing.js';

interface Scope {
  store: ObjectStore;
  tenant: string;
}

export const ARTIFACT_FILES = {
  'model.json': { key: 'modelJson', contentType: 'application/json' },
  'weights.bin': { key: 'weights', contentType: 'application/octet-stream' },
  'preprocessing.json': { key: 'preprocessing', contentType: 'application/json' },
} as const;
export type ArtifactName = keyof typeof ARTIFACT_FILES;

export async function getModel(scope: Scope, id: string): Promise<Model> {
  const model = await getJson(scope.store, keys.model(scope.tenant, id).card, Model);
  if (model === null) throw ApiError.notFound('model', id);
  return model;
}

export function listModels(scope: Scope, page: { limit: number; cursor?: string | undefined }): Promise<Page<Model>> {
  return listNewestFirst({
    store: scope.store,
    prefix: keys.models(scope.tenant),
    ...page,
    load: (id) => getJson(scope.store, keys.model(scope.tenant, id).card, Model),
  });
}

/** Runs a prediction on a trainer; the trainer's 4xx (a bad row) comes back as the same problem. */
export async function predict(scope: Scope & { dispatcher: Dispatcher }, input: { modelId: string; rows: Row[] }): Promise<PredictResponse> {
  await getModel(scope, input.modelId);
  const reply = await scope.dispatcher.predict({ tenant: scope.tenant, modelId: input.modelId, rows: input.rows });
  if (reply.status === 200) {
    const parsed = PredictResponse.safeParse(reply.body);
    if (parsed.success) return parsed.data;
    throw new Error(`trainer returned an invalid prediction body: ${parsed.error.message}`);
  }
  const problem = Problem.safeParse(reply.body);
  if (problem.success && problem.data.status < 500) {
    throw new ApiError(problem.data.code, problem.data.detail, problem.data.errors === undefined ? {} : { errors: problem.data.errors });
  }
  throw new Error(`trainer answered ${reply.status} to a prediction`);
}

/** URLs of the exported files, each carrying a token that works for 15 minutes. */
export async function artifacts(scope: Scope & { secret: string; baseUrl: string }, modelId: string): Promise<Artifacts> {
  await getModel(scope, modelId);
  const expiresAt = Date.now() + ARTIFACT_TOKEN_TTL_MS;
  const token = await artifactToken({ secret: scope.secret, tenant: scope.tenant, modelId, expiresAt });
  const files = [];
  for (const [name, file] of Object.entries(ARTIFACT_FILES) as [ArtifactName, (typeof ARTIFACT_FILES)[ArtifactName]][]) {
    const info = await scope.store.head(keys.model(scope.tenant, modelId)[file.key]);
    if (info === null) continue;
    files.push({
      name,
      url: `${scope.baseUrl}/v1/models/${modelId}/artifacts/${name}?token=${token}`,
      sizeBytes: info.size,
      contentType: file.contentType,
    });
  }
  const modelUrl = files.find((file) => file.name === 'model.json')?.url ?? '';
  return {
    modelId,
    format: 'tfjs-layers-model',
    files,
    expiresAt: new Date(expiresAt).toISOString(),
    loadWith: `await tf.loadLayersModel('${modelUrl}')`,
  };
}

/**
 * One artifact file's bytes. model.json's weight paths gain the token, so that
 * tf.loadLayersModel fetches weights.bin with the same access.
 */
export async function artifactFile(scope: Scope, input: { modelId: string; name: ArtifactName; token: string | null }) {
  await getModel(scope, input.modelId);
  const key = keys.model(scope.tenant, input.modelId)[ARTIFACT_FILES[input.name].key];
  if (input.name === 'model.json' && input.token !== null) {
    const object = await scope.store.get(key);
    if (object === null) throw ApiError.notFound('artifact', input.name);
    const modelJson = JSON.parse(new TextDecoder().decode(object.body)) as { weightsManifest?: { paths: string[] }[] };
    for (const group of modelJson.weightsManifest ?? []) {
      group.paths = group.paths.map((path) => `${path}?token=${encodeURIComponent(input.token ?? '')}`);
    }
    return { body: JSON.stringify(modelJson) as string | ReadableStream<Uint8Array>, contentType: 'application/json' };
  }
  const stream = await scope.store.getStream(key);
  if (stream === null) throw ApiError.notFound('artifact', input.name);
  return { body: stream as string | ReadableStream<Uint8Array>, contentType: ARTIFACT_FILES[input.name].contentType };
}
