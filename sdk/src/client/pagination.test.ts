import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jobFixture } from '../testing/fixtures.js';
import { Layerlab } from './index.js';

const BASE = 'http://layerlab.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

// 45 jobs, newest first; the cursor is the last id of the previous page (as the API does)
const ALL = Array.from({ length: 45 }, (_, i) => jobFixture({ id: `job_01JPAGE${String(i).padStart(16, '0')}` }));
const requests: URL[] = [];

function serveJobs() {
  server.use(
    http.get(`${BASE}/v1/jobs`, ({ request }) => {
      const url = new URL(request.url);
      requests.push(url);
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const cursor = url.searchParams.get('cursor');
      const start = cursor === null ? 0 : ALL.findIndex((job) => job.id === cursor) + 1;
      const data = ALL.slice(start, start + limit);
      const nextCursor = start + limit < ALL.length ? (data.at(-1)?.id ?? null) : null;
      return HttpResponse.json({ data, nextCursor });
    }),
  );
}

const client = new Layerlab({ baseURL: BASE, apiKey: null });

describe('pagination', () => {
  it('for await walks every page in order, fetching each once', async () => {
    serveJobs();
    requests.length = 0;
    const ids: string[] = [];
    for await (const job of client.jobs.list({ limit: 20, status: 'queued' })) ids.push(job.id);
    expect(ids).toEqual(ALL.map((job) => job.id));
    expect(requests.map((url) => url.searchParams.get('cursor'))).toEqual([null, ALL[19]?.id, ALL[39]?.id]);
    expect(requests.every((url) => url.searchParams.get('status') === 'queued' && url.searchParams.get('limit') === '20')).toBe(true);
  });

  it('await gives the first page, with the way to the next', async () => {
    serveJobs();
    const page = await client.jobs.list({ limit: 40 });
    expect(page.data).toHaveLength(40);
    expect(page.hasNextPage()).toBe(true);
    const next = await page.getNextPage();
    expect(next.data.map((job) => job.id)).toEqual(ALL.slice(40).map((job) => job.id));
    expect(next.hasNextPage()).toBe(false);
    await expect(next.getNextPage()).rejects.toThrow('last page');
  });

  it('fetches lazily: leaving the loop early asks for no more pages', async () => {
    serveJobs();
    requests.length = 0;
    let seen = 0;
    for await (const _job of client.jobs.list({ limit: 10 })) {
      seen += 1;
      if (seen === 12) break;
    }
    expect(requests).toHaveLength(2);
  });

  it('iterPages yields whole pages', async () => {
    serveJobs();
    const sizes: number[] = [];
    for await (const page of (await client.jobs.list({ limit: 20 })).iterPages()) sizes.push(page.data.length);
    expect(sizes).toEqual([20, 20, 5]);
  });
});
