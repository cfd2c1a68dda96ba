import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { CompareQuery, Comparison } from '@layerlab/sdk/spec';
import type { AppEnv } from '../app-env.js';
import { compareJobs } from '../services/compare.js';
import { COMMON_ERRORS, errors, json } from './openapi-helpers.js';
import { jobScope } from './scope.js';

const compare = createRoute({
  method: 'get',
  path: '/v1/compare',
  tags: ['compare'],
  summary: "Several jobs' curves of one metric, aligned by epoch",
  description: '`epochs` is the union of the jobs\' epochs; each series has one value per epoch (null where the job has none).',
  request: { query: CompareQuery },
  responses: { 200: json(Comparison, 'Aligned series'), ...errors('VALIDATION_FAILED', 'NOT_FOUND', ...COMMON_ERRORS) },
});

/** GET /v1/compare. */
export function compareRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(compare, async (c) => c.json(await compareJobs(jobScope(c), c.req.valid('query')), 200));
  return app;
}
