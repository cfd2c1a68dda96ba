import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appFixture, SMALL_CSV, type AppFixture } from '../testing/app-fixture.js';

let f: AppFixture;
beforeEach(async () => {
  f = await appFixture({ env: { LAYERLAB_MAX_BODY_BYTES: '4096' } });
});
afterEach(async () => f.close());

const uploadCsv = (csv: string, query = '?name=small', type = 'text/csv') =>
  f.call(`/v1/datasets${query}`, { method: 'POST', body: csv, headers: { 'content-type': type } });

async function problem(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return (await response.json()) as { code: string; status: number; detail: string; errors?: { path: string; message: string }[] };
}

describe('POST /v1/datasets', () => {
  it('stores a CSV and returns its profile', async () => {
    const response = await uploadCsv(SMALL_CSV);
    expect(response.status).toBe(201);
    const dataset = (await response.json()) as Record<string, unknown>;
    expect(dataset).toMatchObject({ name: 'small', format: 'csv', rows: 40, sizeBytes: SMALL_CSV.length });
    expect(dataset.id).toMatch(/^ds_[0-9A-Z]{26}$/);
    expect(dataset.columns).toEqual([
      { name: 'x', type: 'numeric', missing: 0, distinct: 40, min: 0, max: 39, mean: 19.5, std: expect.closeTo(11.5434, 3) },
      { name: 'color', type: 'categorical', missing: 0, distinct: 2, top: [{ value: 'green', count: 20 }, { value: 'red', count: 20 }] },
      { name: 'label', type: 'categorical', missing: 0, distinct: 2, top: [{ value: 'high', count: 20 }, { value: 'low', count: 20 }] },
      { name: 'price', type: 'numeric', missing: 0, distinct: 40, min: 5, max: 395, mean: 200, std: expect.closeTo(115.434, 2) },
    ]);
  });

  it('stores JSON rows', async () => {
    const response = await f.call('/v1/datasets', { method: 'POST', json: { name: 'rows', rows: [{ a: 1, b: 'x' }, { a: 2, b: null }] } });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ name: 'rows', format: 'json', rows: 2, columns: [{ name: 'a', type: 'numeric' }, { name: 'b', missing: 1 }] });
  });

  it('reads semicolon-separated files and headerless files', async () => {
    const semi = await uploadCsv('a;b\n1;2\n3;4\n');
    expect(((await semi.json()) as { columns: { name: string }[] }).columns.map((c) => c.name)).toEqual(['a', 'b']);
    const headless = await uploadCsv('1,2\n3,4\n', '?name=h&header=false');
    expect(((await headless.json()) as { rows: number }).rows).toBe(2);
  });

  it.each([
    ['an empty body', '', 'DATASET_INVALID', /empty/],
    ['a header without rows', 'a,b\n', 'DATASET_INVALID', /no data rows/],
    ['ragged rows', 'a,b\n1,2\n3\n', 'DATASET_INVALID', /line 3 has 1 fields/],
  ])('answers 422 for %s', async (_label, csv, code, detail) => {
    const response = await uploadCsv(csv);
    expect(response.status).toBe(422);
    const body = await problem(response);
    expect(body.code).toBe(code);
    expect(body.detail).toMatch(detail);
  });

  it('answers 400 for a wrong content type, malformed JSON and bad JSON shape', async () => {
    expect((await problem(await uploadCsv('a,b\n1,2', '', 'application/xml'))).code).toBe('MALFORMED_REQUEST');
    const malformed = await f.call('/v1/datasets', { method: 'POST', body: '{"name": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect((await problem(malformed)).code).toBe('MALFORMED_REQUEST');
    const shape = await f.call('/v1/datasets', { method: 'POST', json: { rows: [] } });
    expect(shape.status).toBe(422);
    expect((await problem(shape)).errors?.map((e) => e.path)).toEqual(['name', 'rows']);
  });

  it('answers 413 for a body over the limit', async () => {
    const big = `a\n${'1\n'.repeat(4000)}`;
    const response = await uploadCsv(big);
    expect(response.status).toBe(413);
    expect((await problem(response)).code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('GET /v1/datasets', () => {
  it('lists newest first and pages with a cursor', async () => {
    for (const name of ['one', 'two', 'three']) {
      await uploadCsv('a\n1\n', `?name=${name}`);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const first = (await (await f.call('/v1/datasets?limit=2')).json()) as { data: { name: string }[]; nextCursor: string | null };
    expect(first.data.map((d) => d.name)).toEqual(['three', 'two']);
    expect(first.nextCursor).not.toBeNull();
    const second = (await (await f.call(`/v1/datasets?limit=2&cursor=${first.nextCursor}`)).json()) as typeof first;
    expect(second.data.map((d) => d.name)).toEqual(['one']);
    expect(second.nextCursor).toBeNull();
  });

  it('answers 422 for a limit out of range', async () => {
    const response = await f.call('/v1/datasets?limit=0');
    expect(response.status).toBe(422);
    expect((await problem(response)).errors?.[0]?.path).toBe('query.limit');
  });
});

describe('GET and DELETE /v1/datasets/{id}', () => {
  it('gets a dataset, deletes it, then answers 404', async () => {
    const { id } = (await (await uploadCsv(SMALL_CSV)).json()) as { id: string };
    expect((await f.call(`/v1/datasets/${id}`)).status).toBe(200);
    expect((await f.call(`/v1/datasets/${id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await f.call(`/v1/datasets/${id}`);
    expect(gone.status).toBe(404);
    expect((await problem(gone)).code).toBe('NOT_FOUND');
    expect((await f.call(`/v1/datasets/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('answers 404 for a malformed id without touching storage', async () => {
    const response = await f.call('/v1/datasets/..%2F..%2Fetc');
    expect(response.status).toBe(404);
    expect((await problem(response)).detail).toMatch(/not a valid id/);
  });

  it('refuses to delete a dataset an unfinished job reads (409)', async () => {
    const { id } = (await (await uploadCsv(SMALL_CSV)).json()) as { id: string };
    expect((await f.call('/v1/jobs', { method: 'POST', json: { dataset: id, target: 'label' } })).status).toBe(201);
    const response = await f.call(`/v1/datasets/${id}`, { method: 'DELETE' });
    expect(response.status).toBe(409);
    expect((await problem(response)).detail).toMatch(/in use by unfinished job/);
  });
});
