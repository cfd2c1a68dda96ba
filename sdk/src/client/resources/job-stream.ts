import type { EpochMetrics, Job } from '../../spec/index.js';
import { sleep } from '../abort.js';
import { APIConnectionError, APIUserAbortError, LayerlabError } from '../errors.js';
import type { HttpClient, RequestOptions } from '../http-client.js';
import { path } from '../path.js';
import { retryDelayMs } from '../retry-policy.js';
import { parseEventStream } from '../sse.js';

/** What `jobs.stream` yields: the API's `status`, `epoch` and `done` server-sent events, parsed. */
export type JobEvent =
  | { event: 'status'; data: Job }
  | { event: 'epoch'; data: EpochMetrics }
  | { event: 'done'; data: Job };

export interface StreamOptions extends RequestOptions {
  /** Resume after this event id (e.g. `epoch-12`): earlier epochs are not sent again. */
  lastEventId?: string;
}

const KNOWN_EVENTS = new Set(['status', 'epoch', 'done']);

/**
 * Follows a job's event stream until its `done` event. A dropped connection is reopened with
 * Last-Event-ID, so no epoch is lost or repeated; after `maxRetries` failures in a row it throws.
 */
export async function* streamJobEvents(http: HttpClient, id: string, options: StreamOptions = {}): AsyncGenerator<JobEvent, void, undefined> {
  const { lastEventId: resumeFrom, ...request } = options;
  const maxRetries = request.maxRetries ?? http.config.maxRetries;
  let lastEventId = resumeFrom;
  let failures = 0;
  for (;;) {
    const response = await http.response({
      method: 'GET',
      path: path`/v1/jobs/${id}/events`,
      headers: { accept: 'text/event-stream', ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }) },
      options: request,
    });
    if (response.body === null) throw new LayerlabError(`the event stream of job ${id} has no body`);
    let cause: unknown = new Error('the stream ended before the job did');
    try {
      for await (const message of parseEventStream(response.body, request.signal)) {
        if (message.id !== null) lastEventId = message.id;
        if (!KNOWN_EVENTS.has(message.event)) continue;
        failures = 0;
        const event = { event: message.event, data: JSON.parse(message.data) } as JobEvent;
        yield event;
        if (event.event === 'done') return;
      }
    } catch (error) {
      if (request.signal?.aborted === true) throw new APIUserAbortError(undefined, { cause: request.signal.reason });
      if (error instanceof SyntaxError) throw new LayerlabError(`job ${id}: an event's data is not JSON`, { cause: error });
      cause = error;
    }
    failures += 1;
    if (failures > maxRetries) throw new APIConnectionError(`lost the event stream of job ${id}`, { cause });
    await sleep(retryDelayMs({ retriesDone: failures - 1 }), request.signal);
  }
}
