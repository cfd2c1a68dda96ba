import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jobFixture } from '../testing/fixtures.js';
import { Layerlab, LayerlabError, SDK_VERSION } from './index.js';

afterEach(() => vi.unstubAllEnvs());

/** A fetch that records requests and answers with a job. */
function recordingFetch() {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(input, init));
    return Response.json(jobFixture());
  };
  return { requests, fetch: fetch as typeof globalThis.fetch };
}

describe('new Layerlab()', () => {
  it('defaults to the local API, 2 retries, 60 s, and no key', () => {
    vi.stubEnv('LAYERLAB_BASE_URL', '');
    vi.stubEnv('LAYERLAB_API_KEY', '');
    const client = new Layerlab();
    expect([client.baseURL, client.maxRetries, client.timeout, client.apiKey]).toEqual(['http://127.0.0.1:8787', 2, 60_000, null]);
  });

  it('reads LAYERLAB_BASE_URL and LAYERLAB_API_KEY, and options win over them', () => {
    vi.stubEnv('LAYERLAB_BASE_URL', 'https://api.example.com/');
    vi.stubEnv('LAYERLAB_API_KEY', 'sk_env');
    expect([new Layerlab().baseURL, new Layerlab().apiKey]).toEqual(['https://api.example.com', 'sk_env']);
    const explicit = new Layerlab({ baseURL: 'http://10.0.0.1:9000', apiKey: null });
    expect([explicit.baseURL, explicit.apiKey]).toEqual(['http://10.0.0.1:9000', null]);
  });

  it('rejects a base URL that is not http(s), and negative retries', () => {
    expect(() => new Layerlab({ baseURL: 'localhost:8787' })).toThrow(LayerlabError);
    expect(() => new Layerlab({ baseURL: 'http://x', maxRetries: -1 })).toThrow('maxRetries must be a number ≥ 0');
  });

  it('uses the injected fetch with auth, default headers and per-call headers, and encodes ids', async () => {
    const { requests, fetch } = recordingFetch();
    const client = new Layerlab({ baseURL: 'http://api.test/base', apiKey: 'sk_1', fetch, defaultHeaders: { 'x-team': 'ml' } });
    await client.jobs.retrieve('job_1/../x', { headers: { 'x-trace': 't1' } });
    const request = requests[0] as Request;
    expect(request.url).toBe('http://api.test/base/v1/jobs/job_1%2F..%2Fx');
    expect(request.headers.get('authorization')).toBe('Bearer sk_1');
    expect(request.headers.get('x-team')).toBe('ml');
    expect(request.headers.get('x-trace')).toBe('t1');
  });

  it('sends no Authorization header without a key', async () => {
    const { requests, fetch } = recordingFetch();
    await new Layerlab({ baseURL: 'http://api.test', apiKey: null, fetch }).jobs.retrieve('job_1');
    expect(requests[0]?.headers.has('authorization')).toBe(false);
  });

  it('calls any other route with get and post, with the same auth and query encoding', async () => {
    const { requests, fetch } = recordingFetch();
    const client = new Layerlab({ baseURL: 'http://api.test', apiKey: 'sk_1', fetch });
    await client.get('/v1/compare', { query: { jobs: 'job_a,job_b', metric: 'valLoss', skip: undefined } });
    await client.post('/v1/something', { body: { a: 1 } });
    expect(requests.map((r) => [r.method, r.url, r.headers.get('authorization')])).toEqual([
      ['GET', 'http://api.test/v1/compare?jobs=job_a%2Cjob_b&metric=valLoss', 'Bearer sk_1'],
      ['POST', 'http://api.test/v1/something', 'Bearer sk_1'],
    ]);
    expect(await requests[1]?.json()).toEqual({ a: 1 });
  });

  it('reports the version of sdk/package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(SDK_VERSION).toBe(pkg.version);
  });
});
