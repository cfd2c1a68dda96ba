import { LocalTrainer } from '@layerlab/api/local';
import { S3Store } from '@layerlab/api/store/s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Unstable_DevWorker } from 'wrangler';
import { startApiWorker } from '../support/api-worker.js';
import { startS3rver, type LoopbackS3 } from '../support/s3-servers.js';
import { startTrainerProxy, type TrainerProxy } from '../support/trainer-proxy.js';
import { twoClassRows } from '../support/tiny-data.js';

// The Worker (api/src/worker.ts with infra/wrangler.toml) runs inside workerd through wrangler's
// local dev server. Its storage is s3rver on loopback and its trainer a real trainer process
// using the same bucket: upload → train → follow (server-sent events) → predict, all local.

const SECRET = 'worker-test-dispatch-secret-0123456789';
const KEY = 'wk-test-key-0123456789';
let s3: LoopbackS3;
let trainer: LocalTrainer;
let worker: Unstable_DevWorker;
let proxy: TrainerProxy;
let datasetId: string | null = null;

beforeAll(async () => {
  s3 = await startS3rver('layerlab-worker');
  trainer = new LocalTrainer({ env: { ...s3.env, LAYERLAB_DISPATCH_SECRET: SECRET, LAYERLAB_HEARTBEAT_TIMEOUT_MS: '30000' } });
  // the Worker reaches the trainer through a loopback proxy, so a test can make it busy
  proxy = await startTrainerProxy();
  proxy.target = await trainer.start();
  proxy.mode = { kind: 'up' };
  worker = await startApiWorker({
    testScheduled: true,
    vars: {
      ...s3.env,
      LAYERLAB_S3_REGION: 'us-east-1',
      LAYERLAB_TRAINER_URL: proxy.url,
      LAYERLAB_DISPATCH_SECRET: SECRET,
      LAYERLAB_API_KEYS: `${KEY}:acme`,
    },
  });
}, 180_000);
afterAll(async () => {
  await worker?.stop();
  await trainer?.stop();
  await proxy?.close();
  await s3?.stop();
});

const auth = { authorization: `Bearer ${KEY}` };

async function readEvents(response: { text(): Promise<string> }): Promise<{ event: string; data: unknown }[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.includes('data:'))
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event:'))?.slice(6).trim() ?? 'message';
      const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
      return { event, data: JSON.parse(data) as unknown };
    });
}

describe('the Worker in workerd', () => {
  it('serves health without a key, and refuses the API without one', async () => {
    expect((await worker.fetch('/healthz')).status).toBe(200);
    const denied = await worker.fetch('/v1/jobs');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('content-type')).toContain('application/problem+json');
  });

  it('uploads, trains on the real trainer, follows the job as events, and predicts', async () => {
    const csv = ['a,b,c,label', ...twoClassRows(400).map((r) => `${r.a},${r.b},${r.c},${r.label}`)].join('\n');
    const uploaded = await worker.fetch('/v1/datasets?name=blobs', { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: csv });
    expect(uploaded.status).toBe(201);
    const dataset = (await uploaded.json()) as { id: string; rows: number };
    expect(dataset.rows).toBe(400);
    datasetId = dataset.id;

    const created = await worker.fetch('/v1/jobs', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ dataset: dataset.id, target: 'label', epochs: 8, earlyStopping: false }),
    });
    expect(created.status).toBe(201);
    const job = (await created.json()) as { id: string; status: string };
    expect(job.status).toBe('queued');

    // the stream ends with `done` once the job is finished
    const events = await readEvents(await worker.fetch(`/v1/jobs/${job.id}/events`, { headers: auth }));
    const epochs = events.filter((e) => e.event === 'epoch').map((e) => (e.data as { epoch: number }).epoch);
    expect(epochs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const done = events.find((e) => e.event === 'done')?.data as { status: string; modelId: string; backend: string; testMetrics: { accuracy: number } };
    expect(done.status).toBe('succeeded');
    expect(done.backend).toBe(trainer.backend);
    expect(done.testMetrics.accuracy).toBeGreaterThan(0.85);

    const predicted = await worker.fetch(`/v1/models/${done.modelId}/predict`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [{ a: 4, b: -4, c: 1 }, { a: -4, b: 4, c: -1 }] }),
    });
    expect(predicted.status).toBe(200);
    const { predictions } = (await predicted.json()) as { predictions: { label: string; probabilities: Record<string, number> }[] };
    expect(predictions.map((p) => p.label)).toEqual(['pos', 'neg']);
    expect((predictions[0]?.probabilities.pos ?? 0) + (predictions[0]?.probabilities.neg ?? 0)).toBeCloseTo(1, 5);

    // listing is S3 ListObjects parsed inside workerd (no DOMParser there: see xml-dom-parser.ts)
    const listed = (await (await worker.fetch('/v1/jobs?limit=5', { headers: auth })).json()) as { data: { id: string }[] };
    expect(listed.data.map((j) => j.id)).toEqual([job.id]);

    // everything landed in the bucket, under the tenant of the key
    const bucket = new S3Store({ bucket: s3.bucket, endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const files = (await bucket.list(`tenants/acme/models/${done.modelId}/`)).objects.map((o) => o.key.split('/').pop());
    expect(files).toEqual(['card.json', 'model.json', 'preprocessing.json', 'weights.bin']);
  });

  it('offers a job again after a busy trainer: from the cron trigger, and from client requests', async () => {
    proxy.mode = { kind: 'busy', retryAfterSeconds: 1 };
    const created = await worker.fetch('/v1/jobs', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ dataset: datasetId, target: 'label', epochs: 2, earlyStopping: false }),
    });
    const job = (await created.json()) as { id: string };
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // the first offer (at creation) met a 503; with no request in between, only cron offers again
    await sleep(1500);
    const before = proxy.seen.get('/v1/run') ?? 0;
    expect(before).toBeGreaterThanOrEqual(1);
    expect((await worker.fetch('/__scheduled?cron=*+*+*+*+*')).status).toBe(200);
    const deadline = Date.now() + 10_000;
    while ((proxy.seen.get('/v1/run') ?? 0) === before && Date.now() < deadline) await sleep(100);
    expect(proxy.seen.get('/v1/run') ?? 0).toBeGreaterThan(before);

    // trainer free again: a client polling its job is enough to get it offered (no cron call)
    proxy.mode = { kind: 'up' };
    let status = 'queued';
    const until = Date.now() + 60_000;
    while (!['succeeded', 'failed', 'cancelled'].includes(status) && Date.now() < until) {
      status = ((await (await worker.fetch(`/v1/jobs/${job.id}`, { headers: auth })).json()) as { status: string }).status;
      await sleep(500);
    }
    expect(status).toBe('succeeded');
  });
});
