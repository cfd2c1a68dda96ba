import type { Config } from './config.js';
import type { Dispatcher } from './dispatch/types.js';
import type { Scheduler } from './dispatch/scheduler.js';
import type { ObjectStore } from './store/types.js';

/** Everything the app needs from its runtime; Node and Workers each build one. */
export interface AppDeps {
  store: ObjectStore;
  dispatcher: Dispatcher;
  scheduler: Scheduler;
  config: Config;
  /** Signs short-lived artifact URLs (the dispatch secret). */
  secret: string;
  /** Keeps work alive after the response (Workers: waitUntil); default: run detached. */
  background?: (work: Promise<unknown>) => void;
  /** How often the events stream re-reads a job (default 1000 ms). */
  eventsPollMs?: number;
  log?: (entry: Record<string, unknown>) => void;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    tenant: string;
    deps: AppDeps;
  };
}
