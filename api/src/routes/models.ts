import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { Artifacts, Model, ModelId, ModelList, PageQuery, PredictRequest, PredictResponse } from '@layerlab/sdk/spec';
import { z } from 'zod';
import type { AppEnv } from '../app-env.js';
import { ApiError } from '../errors/api-error.js';
import { ARTIFACT_FILES, artifactFile, artifacts, getModel, listModels, predict } from '../services/models.js';
import { COMMON_ERRORS, errors, json } from './openapi-helpers.js';
import { jobScope } from './scope.js';

const tags = ['models'];
const Params = z.object({ id: ModelId });
const FileParams = z.object({ id: ModelId, file: z.enum(Object.keys(ARTIFACT_FILES) as [keyof typeof ARTIFACT_FILES]) });

const list = createRoute({
  method: 'get',
  path: '/v1/models',
  tags,
  summary: 'List trained models, newest first',
  request: { query: PageQuery },
  responses: { 200: json(ModelList, 'A page of models'), ...errors('VALIDATION_FAILED', ...COMMON_ERRORS) },
});

const get = createRoute({
  method: 'get',
  path: '/v1/models/{id}',
  tags,
  summary: 'Get a model card: features, target, classes, architecture, test metrics',
  request: { params: Params },
  responses: { 200: json(Model, 'The model'), ...errors('NOT_FOUND', ...COMMON_ERRORS) },
});

const predictRoute = createRoute({
  method: 'post',
  path: '/v1/models/{id}/predict',
  tags,
  summary: 'Predict from raw rows (up to 1,000)',
  description: 'Rows hold raw values (unscaled numbers, category strings); the model carries its preprocessing.',
  request: { params: Params, body: { required: true, content: { 'application/json': { schema: PredictRequest } } } },
  responses: {
    200: json(PredictResponse, 'One prediction per row'),
    ...errors('NOT_FOUND', 'MALFORMED_REQUEST', 'VALIDATION_FAILED', ...COMMON_ERRORS),
  },
});

const artifactsRoute = createRoute({
  method: 'get',
  path: '/v1/models/{id}/artifacts',
  tags,
  summary: 'URLs of the TensorFlow.js LayersModel files and preprocessing.json',
  request: { params: Params },
  responses: { 200: json(Artifacts, 'Short-lived URLs'), ...errors('NOT_FOUND', ...COMMON_ERRORS) },
});

const fileRoute = createRoute({
  method: 'get',
  path: '/v1/models/{id}/artifacts/{file}',
  tags,
  summary: 'Download one artifact file (API key, or the token of an artifacts URL)',
  request: { params: FileParams, query: z.object({ token: z.string().max(200).optional() }) },
  responses: {
    200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string() }, 'application/json': { schema: z.unknown() } } },
    ...errors('NOT_FOUND', ...COMMON_ERRORS),
  },
});

export function modelRoutes() {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(list, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    return c.json(await listModels(jobScope(c), { limit, cursor }), 200);
  });

  app.openapi(get, async (c) => c.json(await getModel(jobScope(c), c.req.valid('param').id), 200));

  app.openapi(predictRoute, async (c) => {
    const result = await predict(
      { ...jobScope(c), dispatcher: c.get('deps').dispatcher },
      { modelId: c.req.valid('param').id, rows: c.req.valid('json').rows },
    );
    return c.json(result, 200);
  });

  app.openapi(artifactsRoute, async (c) => {
    const deps = c.get('deps');
    const baseUrl = deps.config.publicUrl ?? new URL(c.req.url).origin;
    return c.json(await artifacts({ ...jobScope(c), secret: deps.secret, baseUrl }, c.req.valid('param').id), 200);
  });

  app.openapi(fileRoute, async (c) => {
    const { id, file } = c.req.valid('param');
    const token = c.req.valid('query').token ?? null;
    const result = await artifactFile(jobScope(c), { modelId: id, name: file, token });
    if (typeof result.body === 'string') {
      return c.body(result.body, 200, { 'content-type': result.contentType, 'cache-control': 'private, max-age=300' });
    }
    if (result.body === null) throw new ApiError('NOT_FOUND', `artifact ${file} does not exist`);
    return c.body(result.body, 200, { 'content-type': result.contentType, 'cache-control': 'private, max-age=300' });
  });

  return app;
}
