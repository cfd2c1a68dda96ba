import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, waitForJob, type LocalStack } from '../support/local-stack.js';
import { twoClassRows } from '../support/tiny-data.js';

// Cancels sent at every moment of a short job's life, from queued to past completion. Whatever
// the timing, the job ends in exactly one terminal state that never changes afterwards, and
// that state agrees with what the cancel call answered.
let stack: LocalStack;
let datasetId: string;
beforeAll(async () => {
  stack = await startLocalStack();
  const created = await stack.request('/v1/datasets', { method: 'POST', json: { name: 'blobs', rows: twoClassRows(300) } });
  datasetId = ((await created.json()) as { id: string }).id;
});
afterAll(async () => {
  await stack?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('cancel racing completion', () => {
  it('ends every job in one consistent terminal state', async () => {
    const outcomes: { delay: number; answer: number; status: string }[] = [];
    // the last delays land after the job finished (25 short epochs take about 2 s here)
    for (const delay of [0, 150, 300, 500, 700, 900, 1200, 1500, 1800, 2200, 8000]) {
      const job = (await (await stack.request('/v1/jobs', { method: 'POST', json: { dataset: datasetId, target: 'label', epochs: 25, earlyStopping: false } })).json()) as { id: string };
      await sleep(delay);
      const answer = await stack.request(`/v1/jobs/${job.id}/cancel`, { method: 'POST' });
      const done = await waitForJob(stack, job.id, { timeoutMs: 60_000 });
      outcomes.push({ delay, answer: answer.status, status: done.status as string });

      expect([200, 409]).toContain(answer.status);
      expect(['succeeded', 'cancelled']).toContain(done.status);
      // 409 means "already finished": only a succeeded job says that
      if (answer.status === 409) expect(done.status).toBe('succeeded');
      if (done.status === 'cancelled') expect(done.modelId).toBeNull();
      if (done.status === 'succeeded') {
        expect((await stack.request(`/v1/models/${done.modelId as string}`)).status).toBe(200);
      }
      // and it stays that way
      await sleep(300);
      const later = (await (await stack.request(`/v1/jobs/${job.id}`)).json()) as Record<string, unknown>;
      expect(later.status).toBe(done.status);
      expect(later.finishedAt).toBe(done.finishedAt);
      // cancelling again: idempotent on a cancelled job, 409 on a succeeded one
      const again = await stack.request(`/v1/jobs/${job.id}/cancel`, { method: 'POST' });
      expect(again.status).toBe(done.status === 'cancelled' ? 200 : 409);
    }
    // the ends of the sweep are not races: cancelled while queued, and too late
    expect(outcomes[0]).toMatchObject({ answer: 200, status: 'cancelled' });
    expect(outcomes[outcomes.length - 1]).toMatchObject({ answer: 409, status: 'succeeded' });
    console.info(`cancel sweep: ${outcomes.map((o) => `${o.delay}ms→${o.status}`).join(', ')}`);
  });

  it('stops a running job within one epoch of the cancel', async () => {
    const spec = { dataset: datasetId, target: 'label', epochs: 300, earlyStopping: false };
    const job = (await (await stack.request('/v1/jobs', { method: 'POST', json: spec })).json()) as { id: string };
    let seen = 0;
    while (seen < 2) {
      seen = ((await (await stack.request(`/v1/jobs/${job.id}/metrics`)).json()) as { history: unknown[] }).history.length;
      await sleep(20);
    }
    const answer = (await (await stack.request(`/v1/jobs/${job.id}/cancel`, { method: 'POST' })).json()) as Record<string, unknown>;
    expect(answer).toMatchObject({ status: 'running', cancelRequested: true });
    // the flag is stored before the answer: every epoch that ends from now on sees it
    const atCancel = ((await (await stack.request(`/v1/jobs/${job.id}/metrics`)).json()) as { history: unknown[] }).history.length;
    const done = await waitForJob(stack, job.id, { timeoutMs: 30_000 });
    expect(done).toMatchObject({ status: 'cancelled', modelId: null, error: null });
    const history = ((await (await stack.request(`/v1/jobs/${job.id}/metrics`)).json()) as { history: unknown[] }).history;
    // the epoch under way when the flag was written finishes; the trainer checks after each epoch
    expect(history.length).toBeGreaterThanOrEqual(atCancel);
    expect(history.length).toBeLessThanOrEqual(atCancel + 1);
  });
});
