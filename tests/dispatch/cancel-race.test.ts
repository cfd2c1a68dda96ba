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
    const spec = { dataset: datasetId, target: 'label', epochs: 25, earlyStopping: false };
    // how long one job takes on this machine right now (the second run: the first warms the
    // trainer up), so the delays bracket its completion however loaded the machine is
    let duration = 0;
    for (let run = 0; run < 2; run += 1) {
      const started = Date.now();
      const reference = (await (await stack.request('/v1/jobs', { method: 'POST', json: spec })).json()) as { id: string };
      for (let status = 'queued'; !['succeeded', 'failed', 'cancelled'].includes(status); await sleep(20)) {
        status = ((await (await stack.request(`/v1/jobs/${reference.id}`)).json()) as { status: string }).status;
      }
      duration = Date.now() - started;
    }
    const outcomes: { delay: number | 'after'; answer: number; status: string }[] = [];
    const fractions = [0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
    for (const delay of [...fractions.map((f) => Math.round(f * duration)), 'after' as const]) {
      const job = (await (await stack.request('/v1/jobs', { method: 'POST', json: spec })).json()) as { id: string };
      if (delay === 'after') await waitForJob(stack, job.id, { timeoutMs: 60_000 });
      else await sleep(delay);
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
    console.info(`cancel sweep (a job takes ${duration} ms): ${outcomes.map((o) => `${o.delay}${o.delay === 'after' ? '' : 'ms'}→${o.status}`).join(', ')}`);
  }, 240_000);

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
