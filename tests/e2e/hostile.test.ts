import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../support/local-stack.js';

let stack: LocalStack;
let datasetId: string;
beforeAll(async () => {
  stack = await startLocalStack({ LAYERLAB_MAX_BODY_BYTES: String(256 * 1024) });
  const response = await stack.request('/v1/datasets?name=ok', { method: 'POST', body: 'x,y\n1,a\n2,b\n3,a\n4,b\n', headers: { 'content-type': 'text/csv' } });
  datasetId = ((await response.json()) as { id: string }).id;
});
afterAll(async () => stack?.stop());

interface Hostile {
  name: string;
  method?: string;
  path: string | (() => string);
  body?: string | Uint8Array<ArrayBuffer> | (() => string);
  type?: string;
  headers?: Record<string, string>;
}

const json = 'application/json';
const spec = (extra: string) => `{"dataset":"${datasetId}","target":"y",${extra}}`;
const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;

const requests: Hostile[] = [
  { name: 'malformed JSON', method: 'POST', path: '/v1/jobs', body: '{"dataset": "ds_', type: json },
  { name: 'JSON null', method: 'POST', path: '/v1/jobs', body: 'null', type: json },
  { name: 'JSON array', method: 'POST', path: '/v1/jobs', body: '[1,2,3]', type: json },
  { name: 'a JSON string', method: 'POST', path: '/v1/jobs', body: '"train please"', type: json },
  { name: 'deeply nested JSON', method: 'POST', path: '/v1/jobs', body: deep, type: json },
  { name: 'no content type', method: 'POST', path: '/v1/jobs', body: '{}' },
  { name: 'form content type', method: 'POST', path: '/v1/jobs', body: 'a=1', type: 'application/x-www-form-urlencoded' },
  { name: 'empty body', method: 'POST', path: '/v1/jobs', body: '', type: json },
  { name: 'prototype pollution keys', method: 'POST', path: '/v1/jobs', body: () => spec('"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}'), type: json },
  { name: 'strings for numbers', method: 'POST', path: '/v1/jobs', body: () => spec('"epochs":"100","batchSize":"32"'), type: json },
  { name: 'Infinity via 1e999', method: 'POST', path: '/v1/jobs', body: () => spec('"optimizer":{"learningRate":1e999}'), type: json },
  { name: 'negative zero learning rate', method: 'POST', path: '/v1/jobs', body: () => spec('"optimizer":{"learningRate":-0}'), type: json },
  { name: 'NaN as a string', method: 'POST', path: '/v1/jobs', body: () => spec('"seed":"NaN"'), type: json },
  { name: 'huge epochs', method: 'POST', path: '/v1/jobs', body: () => spec('"epochs":1e12'), type: json },
  { name: 'empty target', method: 'POST', path: '/v1/jobs', body: `{"dataset":"ds_0000000000000000","target":""}`, type: json },
  { name: 'empty target list', method: 'POST', path: '/v1/jobs', body: `{"dataset":"ds_0000000000000000","target":[]}`, type: json },
  { name: 'path traversal dataset id', method: 'POST', path: '/v1/jobs', body: `{"dataset":"ds_../../etc/passwd","target":"y"}`, type: json },
  { name: 'unknown optimizer', method: 'POST', path: '/v1/jobs', body: () => spec('"optimizer":{"name":"magic"}'), type: json },
  { name: 'hidden layers of 0 units', method: 'POST', path: '/v1/jobs', body: () => spec('"model":{"hidden":[0]}'), type: json },
  { name: 'a body over the limit', method: 'POST', path: '/v1/datasets?name=big', body: `a\n${'1\n'.repeat(200_000)}`, type: 'text/csv' },
  { name: 'binary garbage as CSV', method: 'POST', path: '/v1/datasets?name=bin', body: Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256), type: 'text/csv' },
  { name: 'a CSV with only a header', method: 'POST', path: '/v1/datasets?name=h', body: 'a,b,c\n', type: 'text/csv' },
  { name: 'an unclosed quote', method: 'POST', path: '/v1/datasets?name=q', body: 'a,b\n"1,2\n3,4\n', type: 'text/csv' },
  { name: 'ragged rows', method: 'POST', path: '/v1/datasets?name=r', body: 'a,b\n1,2\n3,4,5\n', type: 'text/csv' },
  { name: 'a dataset name too long', method: 'POST', path: `/v1/datasets?name=${'n'.repeat(500)}`, body: 'a\n1\n', type: 'text/csv' },
  { name: 'JSON rows that are not objects', method: 'POST', path: '/v1/datasets', body: '{"name":"x","rows":[1,2,3]}', type: json },
  { name: 'a CSV as JSON', method: 'POST', path: '/v1/datasets', body: 'a,b\n1,2\n', type: json },
  { name: 'XML', method: 'POST', path: '/v1/datasets', body: '<a/>', type: 'application/xml' },
  { name: 'a traversal id', path: '/v1/datasets/..%2F..%2F..%2Fetc%2Fpasswd' },
  { name: 'a dotted id', path: '/v1/jobs/job_....' },
  { name: 'a unicode id', path: '/v1/models/mdl_%F0%9F%92%A5%F0%9F%92%A5%F0%9F%92%A5%F0%9F%92%A5' },
  { name: 'an unknown job', path: '/v1/jobs/job_0000000000000000' },
  { name: 'an unknown job\'s events', path: '/v1/jobs/job_0000000000000000/events' },
  { name: 'a negative limit', path: '/v1/jobs?limit=-5' },
  { name: 'a huge limit', path: '/v1/jobs?limit=100000' },
  { name: 'a garbage cursor', path: '/v1/jobs?cursor=..%2F..%2Fsecrets' },
  { name: 'an unknown status filter', path: '/v1/jobs?status=%00' },
  { name: 'cancel an unknown job', method: 'POST', path: '/v1/jobs/job_0000000000000000/cancel' },
  { name: 'predict on an unknown model', method: 'POST', path: '/v1/models/mdl_0000000000000000/predict', body: '{"rows":[{"x":1}]}', type: json },
  { name: 'predict with no rows', method: 'POST', path: '/v1/models/mdl_0000000000000000/predict', body: '{"rows":[]}', type: json },
  { name: 'artifact file outside the list', path: '/v1/models/mdl_0000000000000000/artifacts/..%2F..%2Fmeta.json' },
  { name: 'an artifact token for nothing', path: '/v1/models/mdl_0000000000000000/artifacts/model.json?token=123.local.abc' },
  { name: 'DELETE on the jobs collection', method: 'DELETE', path: '/v1/jobs' },
  { name: 'PUT on a dataset', method: 'PUT', path: () => `/v1/datasets/${datasetId}`, body: '{}', type: json },
  { name: 'an unknown route', path: '/v1/../../etc/passwd' },
  { name: 'a null byte in a path', path: '/v1/jobs/job_%00%00%00%00%00%00%00%00%00%00' },
];

describe('hostile requests', () => {
  it.each(requests.map((r) => [r.name, r] as const))('%s → 4xx problem+json', async (_name, request) => {
    const raw = typeof request.body === 'function' ? request.body() : request.body;
    const body = raw instanceof Uint8Array ? new Blob([raw]) : raw;
    const path = typeof request.path === 'function' ? request.path() : request.path;
    const headers: Record<string, string> = { ...(request.headers ?? {}) };
    if (request.type !== undefined) headers['content-type'] = request.type;
    const response = await fetch(`${stack.url}${path}`, { method: request.method ?? 'GET', headers, ...(body === undefined ? {} : { body }) });
    expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { code: string; status: number; detail: string; requestId: string };
    expect(problem.status).toBe(response.status);
    expect(problem.requestId).toMatch(/^req_/);
    expect(problem.detail).not.toMatch(/at .*\.ts:\d+/);
  });

  it('keeps serving afterwards', async () => {
    const response = await fetch(`${stack.url}/healthz`);
    expect(response.status).toBe(200);
    const list = await fetch(`${stack.url}/v1/datasets`);
    expect(((await list.json()) as { data: { id: string }[] }).data.map((d) => d.id)).toContain(datasetId);
    expect(Object.prototype).not.toHaveProperty('admin');
  });
});
