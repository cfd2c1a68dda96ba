import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstable_dev, type Unstable_DevWorker } from 'wrangler';
import { startLocalStack, type LocalStack } from '../support/local-stack.js';

// The portable SDK inside workerd (wrangler's local runtime) without nodejs_compat: if the client
// touched a Node module or global, the bundle or the run would fail.
process.env.WRANGLER_SEND_METRICS = 'false';

let stack: LocalStack;
let worker: Unstable_DevWorker;

beforeAll(async () => {
  stack = await startLocalStack();
  worker = await unstable_dev('tests/sdk/fixtures/sdk-in-a-worker.ts', {
    ip: '127.0.0.1',
    port: 0,
    local: true,
    persist: false,
    logLevel: 'warn',
    compatibilityDate: '2026-03-01',
    vars: { LAYERLAB_BASE_URL: stack.url },
    experimental: { disableExperimentalWarning: true, disableDevRegistry: true },
  });
}, 180_000);
afterAll(async () => {
  await worker?.stop();
  await stack?.stop();
});

describe('@layerlab/sdk in a Cloudflare Worker', () => {
  it('uploads, trains, streams, waits, predicts, pages and maps errors from inside workerd', async () => {
    const response = await worker.fetch('/');
    expect(response.status).toBe(200);
    const seen = (await response.json()) as Record<string, unknown>;
    expect(seen).toEqual({
      hasProcess: false,
      csvRows: 2,
      status: 'succeeded',
      events: expect.arrayContaining(['status', 'epoch', 'done']) as unknown,
      progress: [1, 2, 3, 4, 5],
      labels: ['pos', 'neg'],
      listed: 2, // two datasets, one per page
      notFound: '404 NOT_FOUND',
    });
    expect((seen.events as string[]).filter((e) => e === 'epoch')).toHaveLength(5);
  });
});
