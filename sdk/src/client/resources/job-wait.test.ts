import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EpochMetrics, Job } from '../../spec/index.js';
import { epochFixture, jobFixture } from '../../testing/fixtures.js';
import { APIUserAbortError, JobCancelledError, JobFailedError, Layerlab } from '../index.js';

const BASE = 'http://layerlab.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const ID = 'job_01JTESTJOB000000000000';
const client = new Layerlab({ baseURL: BASE, apiKey: null });

function running(epoch: number): Job {
  return jobFixture({ status: 'running', backend: 'wasm', progress: { epoch, epochs: 5, fraction: epoch / 5 }, metrics: epoch === 0 ? null : epochFixture(epoch) });
}

/** Serves the given job states one poll at a time (the last one repeats) and the full history. */
function serveStates(states: Job[]) {
  const calls = { job: 0, metrics: 0 };
  server.use(
    http.get(`${BASE}/v1/jobs/${ID}`, () => {
      const state = states[Math.min(calls.job, states.length - 1)] as Job;
      calls.job += 1;
      return HttpResponse.json(state);
    }),
    http.get(`${BASE}/v1/jobs/${ID}/metrics`, () => {
      calls.metrics += 1;
      const latest = states[Math.min(calls.job - 1, states.length - 1)]?.metrics?.epoch ?? 0;
      return HttpResponse.json({ jobId: ID, history: Array.from({ length: latest }, (_, i) => epochFixture(i + 1)) });
    }),
  );
  return calls;
}

describe('jobs.wait', () => {
  it('reports every epoch once, in order, fetching the history only when polls skipped epochs', async () => {
    const done = jobFixture({ status: 'succeeded', progress: { epoch: 5, epochs: 5, fraction: 1 }, metrics: epochFixture(5), modelId: 'mdl_01JTESTMODEL0000000000' });
    // polls see epochs 0, 1, 3 (2 skipped), 4, then the finished job at 5
    const calls = serveStates([jobFixture(), running(0), running(1), running(3), running(4), done]);
    const seen: number[] = [];
    const polled: string[] = [];
    const job = await client.jobs.wait(ID, {
      pollInterval: 5,
      onProgress: (metrics: EpochMetrics) => void seen.push(metrics.epoch),
      onPoll: (current) => void polled.push(current.status),
    });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(calls.metrics).toBe(1);
    expect(job.status).toBe('succeeded');
    expect(job.modelId).toBe('mdl_01JTESTMODEL0000000000');
    expect(polled).toEqual(['queued', 'running', 'running', 'running', 'running', 'succeeded']);
  });

  it('passes each epoch with the job state it arrived with', async () => {
    serveStates([running(1), jobFixture({ status: 'succeeded', progress: { epoch: 2, epochs: 5, fraction: 0.4 }, metrics: epochFixture(2) })]);
    const pairs: [number, string][] = [];
    await client.jobs.wait(ID, { pollInterval: 5, onProgress: (metrics, job) => void pairs.push([metrics.epoch, job.status]) });
    expect(pairs).toEqual([
      [1, 'running'],
      [2, 'succeeded'],
    ]);
  });

  it('rejects with JobFailedError carrying the job error', async () => {
    serveStates([running(1), jobFixture({ status: 'failed', error: { code: 'TRAINING_DIVERGED', message: 'loss became NaN at epoch 2' } })]);
    const error = await client.jobs.wait(ID, { pollInterval: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toMatchObject({ code: 'TRAINING_DIVERGED', message: `job ${ID} failed: TRAINING_DIVERGED: loss became NaN at epoch 2` });
    expect((error as JobFailedError).job.status).toBe('failed');
  });

  it('rejects with JobCancelledError, or resolves when told not to reject', async () => {
    serveStates([jobFixture({ status: 'cancelled' })]);
    await expect(client.jobs.wait(ID, { pollInterval: 5 })).rejects.toBeInstanceOf(JobCancelledError);
    const job = await client.jobs.wait(ID, { pollInterval: 5, rejectOnFailure: false });
    expect(job.status).toBe('cancelled');
  });

  it('stops polling on abort', async () => {
    const calls = serveStates([running(1)]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 120);
    await expect(client.jobs.wait(ID, { pollInterval: 50, signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);
    const after = calls.job;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(calls.job).toBe(after);
    expect(after).toBeGreaterThanOrEqual(2);
  });

  it('createAndWait creates then follows the job it created', async () => {
    serveStates([running(1), jobFixture({ status: 'succeeded', progress: { epoch: 1, epochs: 5, fraction: 0.2 }, metrics: epochFixture(1) })]);
    server.use(http.post(`${BASE}/v1/jobs`, () => HttpResponse.json(jobFixture(), { status: 201 })));
    const seen: number[] = [];
    const job = await client.jobs.createAndWait({ dataset: 'ds_01JTESTDATASET00000000', target: 'y' }, { pollInterval: 5, onProgress: (m) => void seen.push(m.epoch) });
    expect(job.status).toBe('succeeded');
    expect(seen).toEqual([1]);
  });
});
