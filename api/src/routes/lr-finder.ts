import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { Job, LrFinderRequest, splitLrFinderRequest } from '@layerlab/sdk/spec';
import { z } from 'zod';
import type { AppEnv } from '../app-env.js';
import { createJob } from '../services/jobs.js';
import { COMMON_ERRORS, errors, json } from './openapi-helpers.js';
import { background, jobScope } from './scope.js';

const create = createRoute({
  method: 'post',
  path: '/v1/lr-finder',
  tags: ['lr-finder'],
  summary: "Run Leslie Smith's learning-rate range test",
  description:
    'A TrainingSpec plus `minLr`, `maxLr`, `steps` (and `smoothing`, `divergeFactor`). The lr grows exponentially from minLr to maxLr over `steps` batches; ' +
    'the job (type `lr_finder`) ends with `result`: the curve, `divergedAt`, the steepest-descent `suggestion` and `halfDivergence` (the guide\'s rule).',
  request: {
    headers: z.object({ 'idempotency-key': z.string().min(1).max(255).optional() }),
    body: { required: true, content: { 'application/json': { schema: LrFinderRequest } } },
  },
  responses: {
    201: json(Job, 'The queued lr_finder job'),
    ...errors('MALFORMED_REQUEST', 'VALIDATION_FAILED', 'DATASET_INVALID', 'CONFLICT', 'PAYLOAD_TOO_LARGE', ...COMMON_ERRORS),
  },
});

export function lrFinderRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(create, async (c) => {
    const { spec, finder } = splitLrFinderRequest(c.req.valid('json'));
    const { job, replayed } = await createJob(
      { ...jobScope(c), scheduler: c.get('deps').scheduler, background: background(c) },
      { spec, type: 'lr_finder', lrFinder: finder, idempotencyKey: c.req.valid('header')['idempotency-key'] },
    );
    if (replayed) c.header('idempotent-replayed', 'true');
    return c.json(job, 201);
  });
  return app;
}
