import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Unstable_DevWorker } from 'wrangler';
import { startApiWorker } from '../support/api-worker.js';
import { UPLOT_VERSION } from '../../api/src/dashboard/vendor/uplot.generated.js';

// The dashboard on Workers: workerd has no filesystem, so uPlot must come inside the bundle.
// The page needs no storage or trainer, so placeholders serve for both.

let worker: Unstable_DevWorker;
beforeAll(async () => {
  worker = await startApiWorker({
    vars: {
      LAYERLAB_S3_ENDPOINT: 'http://127.0.0.1:9',
      LAYERLAB_TRAINER_URL: 'http://127.0.0.1:9',
      LAYERLAB_DISPATCH_SECRET: 'dashboard-worker-secret-0123456789',
      LAYERLAB_API_KEYS: 'dashboard-worker-key:acme',
    },
  });
}, 180_000);
afterAll(async () => {
  await worker?.stop();
});

describe('GET /dashboard on Workers', () => {
  it('serves the page with uPlot inlined and no key, while the API itself still asks for one', async () => {
    const response = await worker.fetch('/dashboard');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain(`/*! https://github.com/leeoniya/uPlot (v${UPLOT_VERSION}) */`);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect((await worker.fetch('/v1/jobs')).status).toBe(401);
  });
});
