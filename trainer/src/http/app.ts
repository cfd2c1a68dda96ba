import { ReplayGuard, SIGNATURE_HEADER, verify } from '@layerlab/api/dispatch';
import { ApiError, problemResponse, validationError } from '@layerlab/api/errors';
import { newRequestId } from '@layerlab/api/ids';
import { ModelId, JobId, PredictRequest, type Backend } from '@layerlab/sdk/spec';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { AggregateRowError } from '../predict/encode-rows.js';
import { ModelNotFoundError, type Predictor } from '../predict/predictor.js';
import type { JobRunner } from '../runner/job-runner.js';

const Tenant = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/);
const Nonce = z.string().max(64).optional();
const RunBody = z.object({ jobId: JobId, tenant: Tenant, nonce: Nonce }).strict();
const PredictBody = PredictRequest.extend({ tenant: Tenant, modelId: ModelId, nonce: Nonce }).strict();

export interface TrainerAppOptions {
  secret: string;
  runner: JobRunner;
  predictor: Predictor;
  backend: Backend;
  concurrency: number;
  log?: (message: string) => void;
}

interface TrainerEnv {
  Variables: { body: unknown; requestId: string };
}

/** HMAC check of API.md: stale, forged or replayed signatures are 401. */
function signed(secret: string, replays: ReplayGuard): MiddlewareHandler<TrainerEnv> {
  return async function signatureMiddleware(c, next) {
    const text = await c.req.text();
    const result = await verify({ secret, body: text, header: c.req.header(SIGNATURE_HEADER) });
    if (!result.ok) throw new ApiError('UNAUTHORIZED', `bad request signature (${result.reason})`);
    if (!replays.accept(result.mac)) throw new ApiError('UNAUTHORIZED', 'bad request signature (replayed)');
    try {
      c.set('body', JSON.parse(text));
    } catch {
      throw new ApiError('MALFORMED_REQUEST', 'the body is not valid JSON');
    }
    await next();
  };
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError('request body', result.error.issues);
  return result.data;
}

/** The trainer function's HTTP entry: /v1/run, /v1/predict (both signed) and /healthz. */
export function createTrainerApp(options: TrainerAppOptions) {
  const app = new Hono<TrainerEnv>();
  const replays = new ReplayGuard();
  app.use('*', async (c, next) => {
    c.set('requestId', c.req.header('x-request-id') ?? newRequestId());
    await next();
  });

  app.get('/healthz', (c) =>
    c.json({ ok: true, backend: options.backend, busy: options.runner.busy, running: options.runner.running.length, concurrency: options.concurrency }),
  );

  app.post('/v1/run', signed(options.secret, replays), async (c) => {
    const { jobId, tenant } = parse(RunBody, c.get('body'));
    const result = await options.runner.claim({ jobId, tenant });
    switch (result) {
      case 'claimed':
        return c.json({ accepted: true, jobId }, 202);
      case 'busy':
        return c.json({ accepted: false, reason: 'busy' }, 429, { 'retry-after': '5' });
      case 'not_found':
        throw ApiError.notFound('job', jobId);
      default:
        throw new ApiError('CONFLICT', `job ${jobId} is not queued`);
    }
  });

  app.post('/v1/predict', signed(options.secret, replays), async (c) => {
    const { tenant, modelId, rows } = parse(PredictBody, c.get('body'));
    try {
      const predictions = await options.predictor.predict({ tenant, modelId, rows });
      return c.json({ modelId, predictions }, 200);
    } catch (error) {
      if (error instanceof ModelNotFoundError) throw ApiError.notFound('model', modelId);
      if (error instanceof AggregateRowError) {
        throw new ApiError('VALIDATION_FAILED', error.message, { errors: error.errors.map((e) => ({ path: e.path, message: e.message })), title: 'Invalid rows' });
      }
      throw error;
    }
  });

  app.notFound((c) => problemResponse(new ApiError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`), c.get('requestId')));
  app.onError((error, c) => {
    if (error instanceof ApiError) return problemResponse(error, c.get('requestId'));
    (options.log ?? console.error)(`trainer: ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return problemResponse(new ApiError('INTERNAL', 'the trainer hit an internal error'), c.get('requestId'));
  });
  return app;
}
