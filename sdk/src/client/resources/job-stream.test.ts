import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { epochFixture, jobFixture } from '../../testing/fixtures.js';
import { APIConnectionError, Layerlab, type JobEvent } from '../index.js';

const BASE = 'http://layerlab.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const ID = 'job_01JTESTJOB000000000000';
const client = new Layerlab({ baseURL: BASE, apiKey: null });

function sse(text: string) {
  return new HttpResponse(text, { headers: { 'content-type': 'text/event-stream' } });
}
const frame = (event: string, data: unknown, id?: string) => `event: ${event}\n${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`;

describe('jobs.stream', () => {
  it('yields typed status, epoch and done events', async () => {
    const done = jobFixture({ status: 'succeeded' });
    server.use(http.get(`${BASE}/v1/jobs/${ID}/events`, () => sse(frame('status', jobFixture()) + frame('epoch', epochFixture(1), 'epoch-1') + frame('done', done))));
    const events: JobEvent[] = [];
    for await (const event of client.jobs.stream(ID)) events.push(event);
    expect(events.map((e) => e.event)).toEqual(['status', 'epoch', 'done']);
    const epoch = events[1];
    expect(epoch?.event === 'epoch' && epoch.data.loss).toBe(1);
  });

  it('reconnects after a drop with Last-Event-ID, so no epoch is lost or repeated', async () => {
    const lastIds: (string | null)[] = [];
    server.use(
      http.get(`${BASE}/v1/jobs/${ID}/events`, ({ request }) => {
        lastIds.push(request.headers.get('last-event-id'));
        // first connection: two epochs, then the connection closes without `done`
        if (lastIds.length === 1) return sse(frame('status', jobFixture({ status: 'running' })) + frame('epoch', epochFixture(1), 'epoch-1') + frame('epoch', epochFixture(2), 'epoch-2'));
        return sse(frame('epoch', epochFixture(3), 'epoch-3') + frame('done', jobFixture({ status: 'succeeded' })));
      }),
    );
    const epochs: number[] = [];
    for await (const event of client.jobs.stream(ID)) if (event.event === 'epoch') epochs.push(event.data.epoch);
    expect(epochs).toEqual([1, 2, 3]);
    expect(lastIds).toEqual([null, 'epoch-2']);
  });

  it('gives up with APIConnectionError when the stream keeps ending without news', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/v1/jobs/${ID}/events`, () => {
        calls += 1;
        return sse(': nothing\n\n');
      }),
    );
    const events: JobEvent[] = [];
    const error = await (async () => {
      for await (const event of new Layerlab({ baseURL: BASE, apiKey: null, maxRetries: 1 }).jobs.stream(ID)) events.push(event);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(calls).toBe(2);
    expect(events).toEqual([]);
  });
});
