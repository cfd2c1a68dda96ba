import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jobFixture } from '../testing/fixtures.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  ConflictError,
  InternalServerError,
  Layerlab,
  RateLimitError,
} from './index.js';

const BASE = 'http://layerlab.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function problem(status: number, code: string, detail: string, headers: Record<string, string> = {}) {
  return HttpResponse.json(
    { type: `/docs/errors#${code.toLowerCase()}`, title: code, status, code, detail, requestId: 'req_test' },
    { status, headers: { 'content-type': 'application/problem+json', ...headers } },
  );
}

const job = jobFixture();
const client = (options: ConstructorParameters<typeof Layerlab>[0] = {}) => new Layerlab({ baseURL: BASE, apiKey: 'sk_test', ...options });

describe('retries', () => {
  it('retries 503 and 500, then returns the answer', async () => {
    const statuses = [503, 500];
    let calls = 0;
    server.use(
      http.get(`${BASE}/v1/jobs/:id`, () => {
        calls += 1;
        const status = statuses.shift();
        return status === undefined ? HttpResponse.json(job) : problem(status, 'UNAVAILABLE', 'down', { 'retry-after': '0' });
      }),
    );
    const result = await client().jobs.retrieve(job.id);
    expect(result.id).toBe(job.id);
    expect(calls).toBe(3);
  });

  it('gives up after maxRetries with the last error, typed by status', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/v1/jobs/:id`, () => {
        calls += 1;
        return problem(503, 'UNAVAILABLE', 'storage is unreachable; retry shortly', { 'retry-after': '0' });
      }),
    );
    const error = await client({ maxRetries: 1 }).jobs.retrieve(job.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 503, code: 'UNAVAILABLE', requestId: 'req_test' });
    expect(calls).toBe(2);
  });

  it('retries network errors and 429, and sends the API key every time', async () => {
    const seen: (string | null)[] = [];
    let calls = 0;
    server.use(
      http.get(`${BASE}/v1/jobs/:id`, ({ request }) => {
        calls += 1;
        seen.push(request.headers.get('authorization'));
        if (calls === 1) return HttpResponse.error();
        if (calls === 2) return problem(429, 'RATE_LIMITED', 'slow down', { 'retry-after': '0' });
        return HttpResponse.json(job);
      }),
    );
    await client().jobs.retrieve(job.id);
    expect(seen).toEqual(['Bearer sk_test', 'Bearer sk_test', 'Bearer sk_test']);
  });

  it('throws APIConnectionError once network errors outlast the retries', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/v1/jobs/:id`, () => {
        calls += 1;
        return HttpResponse.error();
      }),
    );
    await expect(client({ maxRetries: 1 }).jobs.retrieve(job.id)).rejects.toBeInstanceOf(APIConnectionError);
    expect(calls).toBe(2);
  });

  it('does not retry 422 or an Idempotency-Key reused with another body', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/v1/jobs`, () => {
        calls += 1;
        return problem(409, 'CONFLICT', 'this Idempotency-Key was already used with a different request body');
      }),
    );
    await expect(client().jobs.create({ dataset: 'ds_01JTESTDATASET00000000', target: 'y' }, { idempotencyKey: 'k1' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(calls).toBe(1);
  });

  it('waits as long as Retry-After says (seconds), not the 0.5 s backoff', async () => {
    const times: number[] = [];
    server.use(
      http.get(`${BASE}/v1/jobs/:id`, () => {
        times.push(performance.now());
        return times.length === 1 ? problem(429, 'RATE_LIMITED', 'slow down', { 'retry-after': '1' }) : HttpResponse.json(job);
      }),
    );
    await client().jobs.retrieve(job.id);
    const gap = (times[1] as number) - (times[0] as number);
    expect(gap).toBeGreaterThanOrEqual(990);
    expect(gap).toBeLessThan(1500);
  });

  it('waits until a Retry-After HTTP date', async () => {
    const times: number[] = [];
    // an HTTP date has whole seconds: 2 s ahead, truncated, is 1–2 s away
    const until = new Date(Date.now() + 2000).toUTCString();
    const target = Date.parse(until);
    server.use(
      http.get(`${BASE}/v1/jobs/:id`, () => {
        times.push(Date.now());
        return times.length === 1 ? problem(503, 'UNAVAILABLE', 'down', { 'retry-after': until }) : HttpResponse.json(job);
      }),
    );
    await client().jobs.retrieve(job.id);
    expect(times[1] as number).toBeGreaterThanOrEqual(target - 20);
    expect((times[1] as number) - (times[0] as number)).toBeLessThan(2300);
  });
});

describe('timeouts and aborts', () => {
  it('times out each attempt and retries, then throws APIConnectionTimeoutError', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/v1/jobs/:id`, async () => {
        calls += 1;
        await delay(1000);
        return HttpResponse.json(job);
      }),
    );
    const started = Date.now();
    await expect(client({ timeout: 100, maxRetries: 1 }).jobs.retrieve(job.id)).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('stops at once on the caller\'s signal, even during a backoff, and never retries it', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/v1/jobs/:id`, () => {
        calls += 1;
        return problem(503, 'UNAVAILABLE', 'down', { 'retry-after': '10' });
      }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(client().jobs.retrieve(job.id, { signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(calls).toBe(1);
  });
});

describe('idempotency of job creation', () => {
  it('sends one generated Idempotency-Key on every attempt, so a lost response does not make two jobs', async () => {
    // the server emulates the API: same key → same job; the first response is lost on the way back
    const jobsByKey = new Map<string, string>();
    const keys: (string | null)[] = [];
    let created = 0;
    server.use(
      http.post(`${BASE}/v1/jobs`, ({ request }) => {
        const key = request.headers.get('idempotency-key');
        keys.push(key);
        if (key !== null && !jobsByKey.has(key)) {
          created += 1;
          jobsByKey.set(key, `job_01JCREATED${String(created).padStart(13, '0')}`);
        }
        if (keys.length === 1) return HttpResponse.error();
        return HttpResponse.json(jobFixture({ id: jobsByKey.get(key ?? '') as string }), { status: 201 });
      }),
    );
    const result = await client().jobs.create({ dataset: 'ds_01JTESTDATASET00000000', target: 'y' });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(created).toBe(1);
    expect(result.id).toBe('job_01JCREATED0000000000001');
  });

  it('uses the caller\'s key as given, and a new key per call', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${BASE}/v1/jobs`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return HttpResponse.json(job, { status: 201 });
      }),
    );
    const sdk = client();
    await sdk.jobs.create({ dataset: 'ds_01JTESTDATASET00000000', target: 'y' }, { idempotencyKey: 'my-key-1' });
    await sdk.jobs.create({ dataset: 'ds_01JTESTDATASET00000000', target: 'y' });
    await sdk.jobs.create({ dataset: 'ds_01JTESTDATASET00000000', target: 'y' });
    expect(keys[0]).toBe('my-key-1');
    expect(keys[1]).not.toBe(keys[2]);
  });
});

describe('rate limits', () => {
  it('surfaces RateLimitError with its Retry-After once retries run out', async () => {
    server.use(http.get(`${BASE}/v1/jobs/:id`, () => problem(429, 'RATE_LIMITED', 'slow down', { 'retry-after': '0' })));
    const error = await client({ maxRetries: 0 }).jobs.retrieve(job.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers.get('retry-after')).toBe('0');
  });
});
