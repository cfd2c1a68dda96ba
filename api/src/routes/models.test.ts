import type { Model } from '@layerlab/sdk/spec';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { putJson } from '../store/json.js';
import { keys } from '../store/keys.js';
import { appFixture, type AppFixture } from '../testing/app-fixture.js';

let f: AppFixture;
const modelId = 'mdl_00000000000000000000000001';
const card: Model = {
  id: modelId,
  jobId: 'job_00000000000000000000000001',
  task: 'binary',
  features: [{ name: 'x', type: 'numeric' }],
  target: 'y',
  classes: ['no', 'yes'],
  architecture: { layers: [{ type: 'Dense', units: 1, activation: 'sigmoid' }], params: 2 },
  testMetrics: { loss: 0.1, accuracy: 0.97 },
  backend: 'wasm',
  createdAt: '2026-12-04T19:00:00.000Z',
};

beforeEach(async () => {
  f = await appFixture();
  const k = keys.model('local', modelId);
  await putJson(f.store, k.card, card);
  await putJson(f.store, k.modelJson, { format: 'layers-model', modelTopology: {}, weightsManifest: [{ paths: ['weights.bin'], weights: [] }] });
  await f.store.put(k.weights, new Uint8Array([1, 2, 3, 4]));
  await putJson(f.store, k.preprocessing, { version: 1 });
});
afterEach(async () => f.close());

describe('GET /v1/models and /v1/models/{id}', () => {
  it('returns the card and lists it', async () => {
    expect(await (await f.call(`/v1/models/${modelId}`)).json()).toEqual(card);
    expect(((await (await f.call('/v1/models')).json()) as { data: Model[] }).data.map((m) => m.id)).toEqual([modelId]);
  });

  it('404s an unknown model', async () => {
    const response = await f.call('/v1/models/mdl_00000000000000000000000009');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('POST /v1/models/{id}/predict', () => {
  it('returns the trainer predictions', async () => {
    f.dispatcher.predictReply = { status: 200, body: { modelId, predictions: [{ label: 'yes', probabilities: { no: 0.2, yes: 0.8 } }] } };
    const response = await f.call(`/v1/models/${modelId}/predict`, { method: 'POST', json: { rows: [{ x: 1 }] } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ modelId, predictions: [{ label: 'yes', probabilities: { no: 0.2, yes: 0.8 } }] });
  });

  it('passes a trainer 422 through with its field paths', async () => {
    f.dispatcher.predictReply = {
      status: 422,
      body: { type: '/docs/errors#validation-failed', title: 'Invalid rows', status: 422, code: 'VALIDATION_FAILED', detail: 'rows.0.x expected a number', errors: [{ path: 'rows.0.x', message: 'expected a number' }], requestId: 'req_trainer' },
    };
    const response = await f.call(`/v1/models/${modelId}/predict`, { method: 'POST', json: { rows: [{ x: 'abc' }] } });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { path: string }[]; requestId: string };
    expect(body.errors[0]?.path).toBe('rows.0.x');
    expect(body.requestId).not.toBe('req_trainer');
  });

  it('answers 503 with Retry-After when no trainer answers', async () => {
    const { TrainerUnavailableError } = await import('../dispatch/types.js');
    f.dispatcher.predictReply = new TrainerUnavailableError('connection refused');
    const response = await f.call(`/v1/models/${modelId}/predict`, { method: 'POST', json: { rows: [{ x: 1 }] } });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
  });

  it('validates rows before asking a trainer: none, too many, not objects', async () => {
    for (const body of [{ rows: [] }, { rows: Array.from({ length: 1001 }, () => ({ x: 1 })) }, { rows: [1, 2] }, {}]) {
      const response = await f.call(`/v1/models/${modelId}/predict`, { method: 'POST', json: body });
      expect(response.status).toBe(422);
    }
    expect((await f.call('/v1/models/mdl_00000000000000000000000009/predict', { method: 'POST', json: { rows: [{ x: 1 }] } })).status).toBe(404);
  });
});

describe('GET /v1/models/{id}/artifacts', () => {
  it('hands out token URLs that work without a key, with the token carried to weights.bin', async () => {
    const artifacts = (await (await f.call(`/v1/models/${modelId}/artifacts`)).json()) as { files: { name: string; url: string; sizeBytes: number }[] };
    expect(artifacts.files.map((file) => [file.name, file.sizeBytes])).toEqual([
      ['model.json', expect.any(Number)],
      ['weights.bin', 4],
      ['preprocessing.json', expect.any(Number)],
    ]);
    const modelUrl = new URL(artifacts.files[0]?.url ?? '');
    const modelJson = (await (await f.call(`${modelUrl.pathname}${modelUrl.search}`)).json()) as { weightsManifest: { paths: string[] }[] };
    const weightsPath = modelJson.weightsManifest[0]?.paths[0] ?? '';
    expect(weightsPath).toMatch(/^weights\.bin\?token=/);
    const weights = await f.call(`/v1/models/${modelId}/artifacts/${weightsPath}`);
    expect(new Uint8Array(await weights.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 4]));
  });

  it('404s artifacts of an unknown model and an unknown file name', async () => {
    expect((await f.call('/v1/models/mdl_00000000000000000000000009/artifacts')).status).toBe(404);
    expect((await f.call(`/v1/models/${modelId}/artifacts/secrets.txt`)).status).toBe(404);
  });
});
