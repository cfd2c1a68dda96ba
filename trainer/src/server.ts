import { serve } from '@hono/node-server';
import { loadConfig } from '@layerlab/api/config';
import { createStore } from '@layerlab/api/store/node';
import { selectBackend } from './backend.js';
import { createTrainerApp } from './http/app.js';
import { Predictor } from './predict/predictor.js';
import { JobRunner } from './runner/job-runner.js';

const log = (message: string) => console.error(`[trainer] ${message}`);

/** Starts the trainer function: backend, store, HTTP entry. Reports its port to a parent process. */
async function main(): Promise<void> {
  const config = await loadConfig(process.env);
  if (config.dispatchSecret === null) throw new Error('LAYERLAB_DISPATCH_SECRET is required: the API signs every request with it');
  const store = createStore(config, process.env);
  const { backend } = await selectBackend(config.backend, log);
  // heartbeat well inside the API's stale limit, so a live run is never presumed dead
  const heartbeatMs = Math.min(15_000, Math.floor(config.heartbeatTimeoutMs / 3));
  const runner = new JobRunner({ store, backend, concurrency: config.trainerConcurrency, heartbeatMs, log });
  const app = createTrainerApp({ secret: config.dispatchSecret, runner, predictor: new Predictor(store), backend, concurrency: config.trainerConcurrency, log });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log(`listening on http://${config.host}:${info.port} (backend ${backend}, concurrency ${config.trainerConcurrency})`);
    process.send?.({ type: 'listening', port: info.port, backend });
  });
  const stop = () => {
    server.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
}

main().catch((error: unknown) => {
  log(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
