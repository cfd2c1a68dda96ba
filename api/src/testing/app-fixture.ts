import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { Scheduler } from '../dispatch/scheduler.js';
import type { Dispatcher, OfferResult, TrainerReply } from '../dispatch/types.js';
import { FsStore } from '../store/fs-store.js';
import type { ObjectStore } from '../store/types.js';

/** A dispatcher that records offers and answers predictions from a script (the trainer is out of scope here). */
export class RecordingDispatcher implements Dispatcher {
  offers: { tenant: string; jobId: string }[] = [];
  offerResult: OfferResult = { outcome: 'busy', retryAfterMs: 60_000 };
  predictReply: TrainerReply | Error = new Error('no trainer in this test');

  async offer(job: { tenant: string; jobId: string }): Promise<OfferResult> {
    this.offers.push(job);
    return this.offerResult;
  }

  async predict(): Promise<TrainerReply> {
    if (this.predictReply instanceof Error) throw this.predictReply;
    return this.predictReply;
  }
}

export interface AppFixture {
  app: ReturnType<typeof createApp>;
  store: ObjectStore;
  dispatcher: RecordingDispatcher;
  scheduler: Scheduler;
  /** app.request with a JSON body helper */
  call(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** Uploads a CSV (default SMALL_CSV) and returns the new dataset's id. */
  uploadCsv(csv?: string, name?: string): Promise<string>;
  /** Waits for work the app left running after its responses (offers to the trainer). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** The real app over a real local-folder store in a temp dir; only the trainer is replaced. */
export async function appFixture(options: { env?: Record<string, string>; store?: (root: string) => ObjectStore } = {}): Promise<AppFixture> {
  const root = await mkdtemp(join(tmpdir(), 'layerlab-api-'));
  const store = options.store?.(root) ?? new FsStore({ root });
  const config = await loadConfig({ LAYERLAB_DATA_DIR: root, ...options.env });
  const dispatcher = new RecordingDispatcher();
  const scheduler = new Scheduler({ store, dispatcher, heartbeatTimeoutMs: config.heartbeatTimeoutMs, maxAttempts: config.maxAttempts, log: () => {} });
  const pending: Promise<unknown>[] = [];
  const app = createApp({
    store,
    dispatcher,
    scheduler,
    config,
    secret: 'test-secret-0123456789',
    background: (work) => pending.push(work),
    eventsPollMs: 20,
    log: () => {},
  });
  return {
    app,
    store,
    dispatcher,
    scheduler,
    call(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (json !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return Promise.resolve(app.request(path, { ...rest, headers, ...(json === undefined ? {} : { body: JSON.stringify(json) }) }));
    },
    async uploadCsv(csv = SMALL_CSV, name = 'small') {
      const response = await app.request(`/v1/datasets?name=${encodeURIComponent(name)}`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
      if (response.status !== 201) throw new Error(`fixture upload failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    },
    async settle() {
      await Promise.allSettled(pending.splice(0));
    },
    async close() {
      await Promise.allSettled(pending);
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A CSV with a learnable numeric feature, a category and a target column. */
export const SMALL_CSV = ['x,color,label,price', ...Array.from({ length: 40 }, (_, i) => `${i},${['red', 'green'][i % 2]},${i < 20 ? 'low' : 'high'},${i * 10 + 5}`)].join('\n');
