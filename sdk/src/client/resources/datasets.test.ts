import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Layerlab as NodeLayerlab } from '../../node/index.js';
import { Layerlab } from '../index.js';

const BASE = 'http://layerlab.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

interface Seen {
  name: string | null;
  contentType: string | null;
  body: string;
}

/** Records what each upload sent and answers with a dataset named as the API would name it. */
function recordUploads(): Seen[] {
  const seen: Seen[] = [];
  server.use(
    http.post(`${BASE}/v1/datasets`, async ({ request }) => {
      const name = new URL(request.url).searchParams.get('name');
      seen.push({ name, contentType: request.headers.get('content-type'), body: await request.text() });
      return HttpResponse.json(
        { id: 'ds_01JTESTDATASET00000000', name: name ?? 'untitled', format: 'csv', rows: 2, sizeBytes: 10, columns: [], createdAt: '2026-12-04T19:00:00.000Z' },
        { status: 201 },
      );
    }),
  );
  return seen;
}

const CSV = 'x,y\n1,a\n2,b\n';
const client = new Layerlab({ baseURL: BASE, apiKey: null });

describe('datasets.upload', () => {
  it('sends a string as text/csv with ?name=', async () => {
    const seen = recordUploads();
    const dataset = await client.datasets.upload({ file: CSV, name: 'tiny' });
    expect(seen).toEqual([{ name: 'tiny', contentType: 'text/csv', body: CSV }]);
    expect(dataset.name).toBe('tiny');
  });

  it('passes the delimiter and header options as query parameters', async () => {
    let query = '';
    server.use(
      http.post(`${BASE}/v1/datasets`, ({ request }) => {
        query = new URL(request.url).search;
        return HttpResponse.json({ id: 'ds_01JTESTDATASET00000000', name: 'w', format: 'csv', rows: 1, sizeBytes: 1, columns: [], createdAt: '2026-12-04T19:00:00.000Z' }, { status: 201 });
      }),
    );
    await client.datasets.upload({ file: '1;2\n', name: 'w', delimiter: 'semicolon', header: false });
    expect(Object.fromEntries(new URLSearchParams(query))).toEqual({ name: 'w', delimiter: 'semicolon', header: 'false' });
  });

  it('sends bytes (a Node Buffer, a Uint8Array, an ArrayBuffer) unchanged', async () => {
    const seen = recordUploads();
    await client.datasets.upload({ file: Buffer.from(CSV), name: 'a' });
    await client.datasets.upload({ file: new TextEncoder().encode(CSV), name: 'b' });
    await client.datasets.upload({ file: new TextEncoder().encode(CSV).buffer, name: 'c' });
    expect(seen.map((s) => s.body)).toEqual([CSV, CSV, CSV]);
  });

  it('names a File upload after the file, and sends .tsv as tab-separated', async () => {
    const seen = recordUploads();
    await client.datasets.upload({ file: new File([CSV], 'houses.csv') });
    await client.datasets.upload({ file: new File([CSV.replaceAll(',', '\t')], 'data/iris.tsv') });
    expect(seen.map((s) => [s.name, s.contentType])).toEqual([
      ['houses', 'text/csv'],
      ['iris', 'text/tab-separated-values'],
    ]);
  });

  it('sends rows as JSON', async () => {
    const seen = recordUploads();
    await client.datasets.upload({ name: 'rows', rows: [{ x: 1, y: 'a' }] });
    expect(seen).toEqual([{ name: null, contentType: 'application/json', body: JSON.stringify({ name: 'rows', rows: [{ x: 1, y: 'a' }] }) }]);
  });

  it('on Node, uploads from a path, named after the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'layerlab-sdk-'));
    try {
      await writeFile(join(dir, 'houses.csv'), CSV);
      const seen = recordUploads();
      await new NodeLayerlab({ baseURL: BASE, apiKey: null }).datasets.upload({ path: join(dir, 'houses.csv') });
      expect(seen).toEqual([{ name: 'houses', contentType: 'text/csv', body: CSV }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
