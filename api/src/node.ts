import { serve } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { HttpDispatcher } from './dispatch/http-dispatcher.js';
import { Scheduler } from './dispatch/scheduler.js';
import { LocalTrainer } from './local/local-trainer.js';
import { FsStore } from './store/fs-store.js';
import { createStore as createConfiguredStore } from './store/node-store.js';
import type { ObjectStore } from './store/types.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export interface NodeServer {
  url: string;
  store: ObjectStore;
  scheduler: Scheduler;
  trainer: LocalTrainer | null;
  close(): Promise<void>;
}

function log(entry: Record<string, unknown>): void {
  console.error(JSON.stringify({ time: new Date().toISOString(), ...entry }));
}

/** Builds the store the configuration names (fs folder or S3); credentials come from `env`. */
export async function createStore(config: Config, env: Record<string, string | undefined> = process.env): Promise<ObjectStore> {
  return createConfiguredStore(config, env);
}

/** What the local trainer child needs to open the same store as the API. */
function storeEnv(config: Config, env: Record<string, string | undefined>): Record<string, string> {
  const passed = Object.entries(env).filter(
    (entry): entry is [string, string] => /^(LAYERLAB_S3_|AWS_)/.test(entry[0]) && typeof entry[1] === 'string',
  );
  return { ...Object.fromEntries(passed), LAYERLAB_STORE: config.store, LAYERLAB_DATA_DIR: resolve(config.dataDir) };
}

/**
 * Starts the API on Node. Without LAYERLAB_TRAINER_URL this is local mode: the API also starts
 * and supervises a trainer process and keys are optional (then only loopback is allowed).
 */
export async function startNodeServer(env: Record<string, string | undefined> = process.env): Promise<NodeServer> {
  const config = await loadConfig(env);
  if (config.apiKeys === null && !LOOPBACK.has(config.host)) {
    throw new Error(`refusing to serve without API keys on ${config.host}: set LAYERLAB_API_KEYS or HOST=127.0.0.1`);
  }
  const store = await createStore(config, env);
  const secret = config.dispatchSecret ?? randomBytes(32).toString('hex');
  let trainer: LocalTrainer | null = null;
  if (config.trainerUrl === null) {
    trainer = new LocalTrainer({
      env: {
        LAYERLAB_DISPATCH_SECRET: secret,
        ...storeEnv(config, env),
        LAYERLAB_BACKEND: config.backend,
        LAYERLAB_TRAINER_CONCURRENCY: String(config.trainerConcurrency),
        LAYERLAB_HEARTBEAT_TIMEOUT_MS: String(config.heartbeatTimeoutMs),
      },
      log: (message) => log({ level: 'warn', msg: message }),
    });
    await trainer.start();
  }
  const localTrainer = trainer;
  const dispatcher = new HttpDispatcher({ trainerUrl: localTrainer === null ? (config.trainerUrl as string) : () => localTrainer.url(), secret });
  const scheduler = new Scheduler({
    store,
    dispatcher,
    heartbeatTimeoutMs: config.heartbeatTimeoutMs,
    maxAttempts: config.maxAttempts,
    log: (message) => log({ level: 'info', msg: message }),
  });
  const app = createApp({ store, dispatcher, scheduler, config, secret, log });
  const timer = setInterval(() => void scheduler.tick().catch((error: unknown) => log({ level: 'error', msg: String(error) })), config.schedulerIntervalMs);
  const server = await new Promise<ReturnType<typeof serve>>((resolveServer) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolveServer(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  void scheduler.tick();
  return {
    url: `http://${host}:${port}`,
    store,
    scheduler,
    trainer,
    async close() {
      clearInterval(timer);
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      await localTrainer?.stop();
    },
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href;
if (isMain) {
  startNodeServer()
    .then((server) => {
      const data = server.store instanceof FsStore ? server.store.root : 's3';
      console.log(
        [
          '',
          `  Layerlab API   ${server.url}`,
          `  API reference  ${server.url}/docs`,
          `  OpenAPI        ${server.url}/openapi.json`,
          `  Storage        ${data}`,
          `  Trainer        ${server.trainer === null ? process.env.LAYERLAB_TRAINER_URL : `local process ${server.trainer.pid} (backend ${server.trainer.backend})`}`,
          '',
        ].join('\n'),
      );
      const shutdown = () => void server.close().then(() => process.exit(0));
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    })
    .catch((error: unknown) => {
      console.error(`layerlab: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
