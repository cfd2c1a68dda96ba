import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, waitForJob, type LocalStack } from '../support/local-stack.js';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('local stack smoke', () => {
  it('trains a tiny classifier end to end', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => {
      const x = ((i * 37) % 100) / 10 - 5;
      return { x, y: x > 0 ? 'pos' : 'neg' };
    });
    const ds = await stack.request('/v1/datasets', { method: 'POST', json: { name: 'tiny', rows } });
    expect(ds.status).toBe(201);
    const dataset = (await ds.json()) as { id: string };
    const created = await stack.request('/v1/jobs', { method: 'POST', json: { dataset: dataset.id, target: 'y', epochs: 30 } });
    expect(created.status).toBe(201);
    const job = (await created.json()) as { id: string };
    const done = await waitForJob(stack, job.id);
    expect(done.status).toBe('succeeded');
    expect((done.testMetrics as { accuracy: number }).accuracy).toBeGreaterThan(0.9);
  });
});
