import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { PageQuery, Sweep, SweepCreate, SweepCreateQuery, SweepId, SweepList, SweepPlan } from '@layerlab/sdk/spec';
import { z } from 'zod';
import type { AppEnv } from '../app-env.js';
import { cancelSweep, createSweep, getSweep, listSweeps } from '../services/sweeps/sweeps.js';
import { COMMON_ERRORS, errors, json } from './openapi-helpers.js';
import { background, jobScope } from './scope.js';

const tags = ['sweeps'];
const Params = z.object({ id: SweepId });

const create = createRoute({
  method: 'post',
  path: '/v1/sweeps',
  tags,
  summary: 'Start a hyperparameter sweep (grid or random, optional ASHA early termination)',
  description:
    'Every trial spec is validated against the schema and the dataset first: a bad combination is 422 naming `parameters.<path>`. ' +
    'Trials are ordinary jobs (`type: "sweep_trial"`), at most `parallelism` unfinished at once. `?dryRun=true` answers the trial list instead.',
  request: {
    query: SweepCreateQuery,
    headers: z.object({
      'idempotency-key': z.string().min(1).max(255).optional().meta({ description: 'The same key and body return the same sweep; another body is 409' }),
    }),
    body: { required: true, content: { 'application/json': { schema: SweepCreate } } },
  },
  responses: {
    200: json(SweepPlan, 'dryRun: the trials the sweep would run'),
    201: json(Sweep, 'The running sweep with its first trials queued'),
    ...errors('MALFORMED_REQUEST', 'VALIDATION_FAILED', 'DATASET_INVALID', 'CONFLICT', 'PAYLOAD_TOO_LARGE', ...COMMON_ERRORS),
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/sweeps',
  tags,
  summary: 'List sweeps, newest first',
  request: { query: PageQuery },
  responses: { 200: json(SweepList, 'A page of sweeps'), ...errors('VALIDATION_FAILED', ...COMMON_ERRORS) },
});

const get = createRoute({
  method: 'get',
  path: '/v1/sweeps/{id}',
  tags,
  summary: 'A sweep: every trial with its params, status, metric and stop reason, and the best trial',
  request: { params: Params },
  responses: { 200: json(Sweep, 'The sweep'), ...errors('NOT_FOUND', ...COMMON_ERRORS) },
});

const cancel = createRoute({
  method: 'post',
  path: '/v1/sweeps/{id}/cancel',
  tags,
  summary: 'Cancel a sweep: no new trials start, unfinished ones are cancelled',
  request: { params: Params },
  responses: { 200: json(Sweep, 'The cancelled sweep'), ...errors('NOT_FOUND', 'CONFLICT', ...COMMON_ERRORS) },
});

/** POST/GET /v1/sweeps, GET /v1/sweeps/{id}, POST /v1/sweeps/{id}/cancel. */
export function sweepRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  const scope = (c: Parameters<typeof jobScope>[0]) => ({ ...jobScope(c), scheduler: c.get('deps').scheduler, background: background(c) });

  app.openapi(create, async (c) => {
    const dryRun = ['true', '1'].includes(c.req.valid('query').dryRun ?? 'false');
    const result = await createSweep(scope(c), { sweep: c.req.valid('json'), dryRun, idempotencyKey: c.req.valid('header')['idempotency-key'] });
    if ('plan' in result) return c.json(result.plan, 200);
    if (result.replayed) c.header('idempotent-replayed', 'true');
    return c.json(result.sweep, 201);
  });

  app.openapi(list, async (c) => c.json(await listSweeps(jobScope(c), c.req.valid('query')), 200));

  app.openapi(get, async (c) => c.json(await getSweep(jobScope(c), c.req.valid('param').id), 200));

  app.openapi(cancel, async (c) => c.json(await cancelSweep(scope(c), c.req.valid('param').id), 200));

  return app;
}
