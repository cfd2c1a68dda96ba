import { LocalTrainer } from '@layerlab/api/local';
import { startNodeServer, type NodeServer } from '@layerlab/api/node';
import { getJson, keys } from '@layerlab/api/store';
import { PendingMarker } from '@layerlab/api/jobs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrainerProxy, type TrainerProxy } from '../support/trainer-proxy.js';
import { twoClassRows } from '../support/tiny-data.js';

// The API in this process talks to a real trainer process through a loopback proxy with a stable
// URL (LAYERLAB_TRAINER_URL), which the tests switch between down, busy (503), slow and up.
const SECRET = 'dispatch-test-secret-0123456789';
let dataDir: string;
let trainer: LocalTrainer;
let proxy: TrainerProxy;
let api: NodeServer;
let datasetId: string;

const apiEnv = () => ({
  PORT: '0',
  LAYERLAB_DATA_DIR: dataDir,
  LAYERLAB_TRAINER_URL: proxy.url,
  LAYERLAB_DISPATCH_SECRET: SECRET,
  LAYERLAB_SCHEDULER_INTERVAL_MS: '200',
  LAYERLAB_HEARTBEAT_TIMEOUT_MS: '9000',
});

async function call(path: string, init: { method?: string; json?: unknown } = {}) {
  const response = await fetch(`${api.url}${path}`, {
    method: init.method ?? 'GET',
    ...(init.json === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.json) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function waitUntil<T>(probe: () => Promise<T | null>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const finished = (jobId: string) =>
  waitUntil(async () => {
    const { body } = await call(`/v1/jobs/${jobId}`);
    return ['succeeded', 'failed', 'cancelled'].includes(body.status as string) ? body : null;
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'layerlab-dispatch-'));
  proxy = await startTrainerProxy();
  trainer = new LocalTrainer({
    env: { LAYERLAB_DISPATCH_SECRET: SECRET, LAYERLAB_STORE: 'fs', LAYERLAB_DATA_DIR: dataDir, LAYERLAB_HEARTBEAT_TIMEOUT_MS: '9000' },
  });
  proxy.target = await trainer.start();
  api = await startNodeServer(apiEnv());
  datasetId = (await call('/v1/datasets', { method: 'POST', json: { name: 'blobs', rows: twoClassRows(400) } })).body.id as string;
});
afterAll(async () => {
  await api?.close();
  await trainer?.stop();
  await proxy?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const smallJob = () => ({ dataset: datasetId, target: 'label', epochs: 3, earlyStopping: false });

describe('dispatch to a trainer that is down, busy, slow or full', () => {
  it('down: the job stays queued and is offered again with backoff; it survives an API restart and runs once the trainer is back', async () => {
    proxy.mode = { kind: 'down' };
    proxy.seen.clear();
    const created = await call('/v1/jobs', { method: 'POST', json: smallJob() });
    expect(created.status).toBe(201);
    const jobId = created.body.id as string;
    await sleep(3000);
    const waiting = await call(`/v1/jobs/${jobId}`);
    expect(waiting.body).toMatchObject({ status: 'queued', attempts: 0 });
    const offers = proxy.seen.get('/v1/run') ?? 0;
    // 15 scheduler ticks passed; backoff (≈1 s, 2 s, …) allows only a few offers in 3 s (an
    // offer at creation may meet one from a tick: a couple more on a loaded machine)
    expect(offers).toBeGreaterThanOrEqual(2);
    expect(offers).toBeLessThanOrEqual(6);
    // the marker in storage counts them (one may still be in flight, or lost a CAS to its twin)
    const marker = await getJson(api.store, keys.pendingJob(jobId), PendingMarker);
    expect(marker?.offers).toBeGreaterThanOrEqual(2);
    expect(marker?.offers).toBeLessThanOrEqual(offers);

    // the API process goes away; a new one finds the job in storage
    await api.close();
    api = await startNodeServer(apiEnv());
    proxy.mode = { kind: 'up' };
    const done = await finished(jobId);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1 });
    // the next tick drops the finished job's pending marker
    await waitUntil(async () => ((await getJson(api.store, keys.pendingJob(jobId), PendingMarker)) === null ? true : null), 5000);
  });

  it('busy: 503 with Retry-After leaves the job queued until the trainer has room', async () => {
    proxy.mode = { kind: 'busy', retryAfterSeconds: 1 };
    proxy.seen.clear();
    const jobId = (await call('/v1/jobs', { method: 'POST', json: smallJob() })).body.id as string;
    await sleep(2500);
    expect((await call(`/v1/jobs/${jobId}`)).body.status).toBe('queued');
    // Retry-After: 1 → about one offer a second, not one per 200 ms tick (12 in 2.5 s)
    expect(proxy.seen.get('/v1/run') ?? 0).toBeGreaterThanOrEqual(2);
    expect(proxy.seen.get('/v1/run') ?? 0).toBeLessThanOrEqual(6);
    proxy.mode = { kind: 'up' };
    expect(await finished(jobId)).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('slow: a trainer that takes 1.5 s to accept and heartbeats inside long epochs keeps the job (one attempt)', async () => {
    proxy.mode = { kind: 'up', delayMs: 1500 };
    const big = await call('/v1/datasets', { method: 'POST', json: { name: 'bigger', rows: twoClassRows(6000) } });
    // batch 2 over ~4200 training rows: one epoch lasts several heartbeat periods (9 s / 3)
    const spec = { dataset: big.body.id, target: 'label', epochs: 1, batchSize: 2, earlyStopping: false };
    const jobId = (await call('/v1/jobs', { method: 'POST', json: spec })).body.id as string;
    const beats = new Set<string>();
    const done = await waitUntil(async () => {
      const { body } = await call(`/v1/jobs/${jobId}`);
      if (body.status === 'running' && (body.progress as { epoch: number }).epoch === 0) beats.add(body.heartbeatAt as string);
      return ['succeeded', 'failed', 'cancelled'].includes(body.status as string) ? body : null;
    });
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1 });
    // the record was refreshed while the first (only) epoch was still running
    expect(beats.size).toBeGreaterThanOrEqual(2);
  });

  it('one job per trainer (LAYERLAB_TRAINER_CONCURRENCY=1): the second job waits for the first, the trainer answers 429 meanwhile', async () => {
    proxy.mode = { kind: 'up' };
    proxy.runAnswers.length = 0;
    const spec = { dataset: datasetId, target: 'label', epochs: 6, earlyStopping: false };
    const first = (await call('/v1/jobs', { method: 'POST', json: spec })).body.id as string;
    const second = (await call('/v1/jobs', { method: 'POST', json: spec })).body.id as string;
    let overlap = false;
    await waitUntil(async () => {
      const [a, b] = await Promise.all([call(`/v1/jobs/${first}`), call(`/v1/jobs/${second}`)]);
      if (a.body.status === 'running' && b.body.status === 'running') overlap = true;
      return a.body.status === 'succeeded' && b.body.status === 'succeeded' ? true : null;
    });
    expect(overlap).toBe(false);
    const [a, b] = await Promise.all([call(`/v1/jobs/${first}`), call(`/v1/jobs/${second}`)]);
    expect(Date.parse(b.body.startedAt as string)).toBeGreaterThanOrEqual(Date.parse(a.body.finishedAt as string));
    expect(proxy.runAnswers).toContain(429);
    expect(proxy.runAnswers.filter((status) => status === 202)).toHaveLength(2);
  });
});
