import type { ExecutionContext } from 'hono';
import { createApp, type App } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { HttpDispatcher } from './dispatch/http-dispatcher.js';
import { Scheduler } from './dispatch/scheduler.js';
import { ApiError } from './errors/api-error.js';
import { problemResponse } from './errors/problem.js';
import { s3StoreFromConfig } from './store/s3-config.js';
import { installDomParser } from './store/xml-dom-parser.js';

// the SDK's browser XML reader needs DOMParser, which Workers lack (S3 listings, multipart uploads)
installDomParser();

/** Vars and secrets of infra/wrangler.toml: the same names as on Node (API.md), all strings. */
export type WorkerEnv = Record<string, unknown>;

interface Runtime {
  app: App;
  scheduler: Scheduler;
  /** Least time between request-driven scheduler ticks in this isolate. */
  tickEveryMs: number;
}

/** Requests drive the scheduler at most this often per isolate, besides the once-a-minute cron. */
const REQUEST_TICK_MIN_MS = 5_000;
let lastRequestTick = 0;

function log(entry: Record<string, unknown>): void {
  console.log(JSON.stringify({ time: new Date().toISOString(), ...entry }));
}

/**
 * Builds the app for this isolate's env: S3/R2 store, HTTP dispatcher to LAYERLAB_TRAINER_URL.
 * The Worker has no local mode: storage, trainer, dispatch secret and API keys are required.
 */
async function buildRuntime(env: WorkerEnv): Promise<Runtime> {
  const config = await loadConfig(env);
  if (config.s3 === null) throw new ConfigError('LAYERLAB_STORE must be s3 on Workers (with LAYERLAB_S3_BUCKET, and the credentials as secrets)');
  if (config.trainerUrl === null) throw new ConfigError('LAYERLAB_TRAINER_URL is required on Workers: the trainer runs in a container');
  if (config.dispatchSecret === null) throw new ConfigError('LAYERLAB_DISPATCH_SECRET is required on Workers (wrangler secret put)');
  if (config.apiKeys === null) throw new ConfigError('LAYERLAB_API_KEYS is required on Workers: an edge API is public');
  const store = s3StoreFromConfig({ s3: config.s3, env });
  const dispatcher = new HttpDispatcher({ trainerUrl: config.trainerUrl, secret: config.dispatchSecret });
  const scheduler = new Scheduler({
    store,
    dispatcher,
    heartbeatTimeoutMs: config.heartbeatTimeoutMs,
    maxAttempts: config.maxAttempts,
    log: (message) => log({ level: 'info', msg: message }),
  });
  // no `background`: routes fall back to the request's executionCtx.waitUntil
  const app = createApp({ store, dispatcher, scheduler, config, secret: config.dispatchSecret, log });
  return { app, scheduler, tickEveryMs: Math.max(REQUEST_TICK_MIN_MS, config.schedulerIntervalMs) };
}

// one runtime per isolate; env is fixed for a deployment, so the first request's env serves all
let runtime: Promise<Runtime> | null = null;
function runtimeFor(env: WorkerEnv): Promise<Runtime> {
  runtime ??= buildRuntime(env).catch((error: unknown) => {
    runtime = null; // a fixed configuration (new secret) takes effect without a redeploy
    throw error;
  });
  return runtime;
}

function misconfigured(error: unknown): Response {
  const message = error instanceof Error ? error.message : String(error);
  log({ level: 'error', msg: `configuration: ${message}` });
  return problemResponse(new ApiError('UNAVAILABLE', `the API is misconfigured: ${message}`), 'req_config');
}

/** The Cloudflare Workers entry: HTTP through the same Hono app as Node, and a cron that keeps jobs moving. */
export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    let current: Runtime;
    try {
      current = await runtimeFor(env);
    } catch (error) {
      return misconfigured(error);
    }
    // cron fires once a minute at best: clients polling their jobs also keep the queue moving
    // (a re-offer after a busy trainer, a stale heartbeat), after the response and throttled
    const now = Date.now();
    if (now - lastRequestTick >= current.tickEveryMs) {
      lastRequestTick = now;
      ctx.waitUntil(current.scheduler.tick().catch((error: unknown) => log({ level: 'error', msg: `request tick: ${String(error)}` })));
    }
    return current.app.fetch(request, env, ctx);
  },

  /** Cron trigger (infra/wrangler.toml): offers queued jobs, requeues silent ones, as Node's timer does. */
  async scheduled(_controller: unknown, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    ctx.waitUntil(
      runtimeFor(env)
        .then(({ scheduler }) => scheduler.tick())
        .catch((error: unknown) => log({ level: 'error', msg: `scheduled tick: ${String(error)}` })),
    );
  },
};
