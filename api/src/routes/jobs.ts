import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { Job, JobId, JobList, JobStatus, JobType, MetricsHistory, PageQuery, SweepId, TrainingSpec } from '@layerlab/sdk/spec';
import { z } from 'zod';
import type { AppEnv } from '../app-env.js';
import { cancelJob, createJob, getJob, getMetrics, listJobs } from '../services/jobs.js';
import { COMMON_ERRORS, errors, json } from './openapi-helpers.js';
import { jobEvents } from './job-events.js';
import { background, jobScope } from './scope.js';

const tags = ['jobs'];
const Params = z.object({ id: JobId });
const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(255).optional().meta({
    description: 'The same key and body return the same job; the same key with another body is 409',
  }),
});

const create = createRoute({
  method: 'post',
  path: '/v1/jobs',
  tags,
  summary: 'Start a training job',
  description: 'Every field but `dataset` and `target` has a default (the guide\'s advice). `task: auto` is resolved from the target column.',
  request: { headers: IdempotencyHeaders, body: { required: true, content: { 'application/json': { schema: TrainingSpec } } } },
  responses: {
    201: json(Job, 'The queued job (or, for a repeated Idempotency-Key, the job it created)'),
    ...errors('MALFORMED_REQUEST', 'VALIDATION_FAILED', 'DATASET_INVALID', 'CONFLICT', 'PAYLOAD_TOO_LARGE', ...COMMON_ERRORS),
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/jobs',
  tags,
  summary: 'List jobs, newest first',
  request: { query: PageQuery.extend({ status: JobStatus.optional(), type: JobType.optional(), sweepId: SweepId.optional() }) },
  responses: { 200: json(JobList, 'A page of jobs'), ...errors('VALIDATION_FAILED', ...COMMON_ERRORS) },
});

const get = createRoute({
  method: 'get',
  path: '/v1/jobs/{id}',
  tags,
  summary: 'Get a job: status, progress, latest metrics, result',
  request: { params: Params },
  responses: { 200: json(Job, 'The job'), ...errors('NOT_FOUND', ...COMMON_ERRORS) },
});

const cancel = createRoute({
  method: 'post',
  path: '/v1/jobs/{id}/cancel',
  tags,
  summary: 'Cancel a job (a running one stops within an epoch)',
  request: { params: Params },
  responses: { 200: json(Job, 'The job, cancelled or with cancelRequested'), ...errors('NOT_FOUND', 'CONFLICT', ...COMMON_ERRORS) },
});

const metrics = createRoute({
  method: 'get',
  path: '/v1/jobs/{id}/metrics',
  tags,
  summary: 'Per-epoch metrics, one entry per finished epoch',
  request: { params: Params },
  responses: { 200: json(MetricsHistory, 'The history'), ...errors('NOT_FOUND', ...COMMON_ERRORS) },
});

const events = createRoute({
  method: 'get',
  path: '/v1/jobs/{id}/events',
  tags,
  summary: 'Follow a job as server-sent events',
  description: '`status` (the Job) whenever it changes, `epoch` (an EpochMetrics, id `epoch-N`) per finished epoch, then `done` (the final Job). Reconnect with Last-Event-ID to skip epochs already seen.',
  request: { params: Params },
  responses: {
    200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...errors('NOT_FOUND', ...COMMON_ERRORS),
  },
});

export function jobRoutes() {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(create, async (c) => {
    const { job, replayed } = await createJob(
      { ...jobScope(c), scheduler: c.get('deps').scheduler, background: background(c) },
      { spec: c.req.valid('json'), type: 'train', idempotencyKey: c.req.valid('header')['idempotency-key'] },
    );
    if (replayed) c.header('idempotent-replayed', 'true');
    return c.json(job, 201);
  });

  app.openapi(list, async (c) => {
    const query = c.req.valid('query');
    return c.json(await listJobs(jobScope(c), query), 200);
  });

  app.openapi(get, async (c) => c.json(await getJob(jobScope(c), c.req.valid('param').id), 200));

  app.openapi(cancel, async (c) => c.json(await cancelJob(jobScope(c), c.req.valid('param').id), 200));

  app.openapi(metrics, async (c) => c.json(await getMetrics(jobScope(c), c.req.valid('param').id), 200));

  app.openapi(events, async (c) => {
    const id = c.req.valid('param').id;
    await getJob(jobScope(c), id);
    return jobEvents(c, id);
  });

  return app;
}
