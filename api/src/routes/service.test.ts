import { afterEach, describe, expect, it } from 'vitest';
import { FsStore } from '../store/fs-store.js';
import { StoreUnavailableError } from '../store/types.js';
import { appFixture, SMALL_CSV, type AppFixture } from '../testing/app-fixture.js';

let f: AppFixture;
afterEach(async () => f?.close());

describe('auth and tenants', () => {
  it('requires a valid bearer key when keys are configured, and isolates tenants', async () => {
    f = await appFixture({ env: { LAYERLAB_API_KEYS: 'alice-key-123:alice,bob-key-4567:bob' } });
    const none = await f.call('/v1/datasets');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect(((await none.json()) as { code: string }).code).toBe('UNAUTHORIZED');
    expect((await f.call('/v1/datasets', { headers: { authorization: 'Bearer wrong-key-000' } })).status).toBe(401);
    const alice = { authorization: 'Bearer alice-key-123' };
    const upload = await f.call('/v1/datasets?name=a', { method: 'POST', body: SMALL_CSV, headers: { ...alice, 'content-type': 'text/csv' } });
    expect(upload.status).toBe(201);
    const { id } = (await upload.json()) as { id: string };
    expect((await f.call(`/v1/datasets/${id}`, { headers: alice })).status).toBe(200);
    expect((await f.call(`/v1/datasets/${id}`, { headers: { authorization: 'Bearer bob-key-4567' } })).status).toBe(404);
    expect(((await (await f.call('/v1/datasets', { headers: { authorization: 'Bearer bob-key-4567' } })).json()) as { data: unknown[] }).data).toEqual([]);
    expect((await f.call('/healthz')).status).toBe(200);
  });

  it('accepts hashed keys', async () => {
    // sha256("secret-key-1") computed with: printf %s secret-key-1 | sha256sum
    f = await appFixture({ env: { LAYERLAB_API_KEYS: 'sha256:a6c1eaef9d5f23f4e13d9b574cbbe07ae877227d92be87d077005dc6776bcdcc:team' } });
    expect((await f.call('/v1/datasets', { headers: { authorization: 'Bearer secret-key-1' } })).status).toBe(200);
    expect((await f.call('/v1/datasets', { headers: { authorization: 'Bearer secret-key-2' } })).status).toBe(401);
  });
});

describe('CORS', () => {
  it('answers preflights and exposes headers only for configured origins', async () => {
    f = await appFixture({ env: { LAYERLAB_CORS_ORIGINS: 'https://app.example' } });
    const preflight = await f.call('/v1/jobs', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const get = await f.call('/v1/datasets', { headers: { origin: 'https://app.example' } });
    expect(get.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
    const other = await f.call('/v1/datasets', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends no CORS headers when no origin is configured', async () => {
    f = await appFixture();
    const get = await f.call('/v1/datasets', { headers: { origin: 'https://app.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('service routes', () => {
  it('serves health, the OpenAPI 3.1 document and the docs page', async () => {
    f = await appFixture();
    expect(await (await f.call('/healthz')).json()).toMatchObject({ ok: true, store: 'fs', mode: 'local' });
    const doc = (await (await f.call('/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/v1/datasets', '/v1/datasets/{id}', '/v1/jobs', '/v1/jobs/{id}', '/v1/jobs/{id}/cancel', '/v1/jobs/{id}/metrics', '/v1/jobs/{id}/events', '/v1/models/{id}', '/v1/models/{id}/predict', '/v1/models/{id}/artifacts', '/healthz']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    for (const schema of ['TrainingSpec', 'Job', 'Dataset', 'Model', 'Problem', 'EpochMetrics']) expect(Object.keys(doc.components.schemas)).toContain(schema);
    const docs = await f.call('/docs');
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    const html = await docs.text();
    expect(html).toContain('id="validation-failed"');
    expect(html).toContain('/v1/jobs/{id}/cancel');
  });

  it('answers an unknown route with a 404 problem', async () => {
    f = await appFixture();
    const response = await f.call('/v2/nothing');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'NOT_FOUND', type: '/docs/errors#not-found' });
  });

  it('turns an unexpected failure into a 500 that leaks nothing', async () => {
    class BrokenStore extends FsStore {
      override async list(): Promise<never> {
        throw new Error('secret internals at /srv/keys');
      }
    }
    f = await appFixture({ store: (root) => new BrokenStore({ root }) });
    const response = await f.call('/v1/datasets');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secret internals');
    expect(JSON.parse(text)).toMatchObject({ code: 'INTERNAL', requestId: expect.stringMatching(/^req_/) });
    expect((await f.call('/healthz')).status).toBe(200);
  });

  it('answers 503 with Retry-After when storage is unreachable', async () => {
    class DownStore extends FsStore {
      override async list(): Promise<never> {
        throw new StoreUnavailableError('connect ECONNREFUSED');
      }
    }
    f = await appFixture({ store: (root) => new DownStore({ root }) });
    const response = await f.call('/v1/jobs');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
  });
});
