import { anySignal, sleep } from './abort.js';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, LayerlabError } from './errors.js';
import { retryDelayMs, shouldRetry } from './retry-policy.js';

/** Options every SDK method takes as its last argument. */
export interface RequestOptions {
  /** Cancels the call (and its retries); the promise rejects with APIUserAbortError. */
  signal?: AbortSignal;
  /** Per attempt, in ms. Default: the client's `timeout`. */
  timeout?: number;
  /** Default: the client's `maxRetries`. */
  maxRetries?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
}

/** What fetch accepts as a body (derived, so Node-only type setups without the DOM lib compile too). */
export type RawBody = NonNullable<RequestInit['body']>;

export type RequestBody = { json: unknown } | { raw: RawBody; contentType: string };

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined> | undefined;
  body?: RequestBody;
  /** Sent unchanged on every attempt, so a retried creation is recognised by the API. */
  idempotencyKey?: string;
  /** Extra headers from the resource (e.g. Accept: text/event-stream). */
  headers?: Record<string, string>;
  options?: RequestOptions | undefined;
}

export interface HttpClientConfig {
  baseURL: string;
  apiKey: string | null;
  maxRetries: number;
  timeout: number;
  defaultHeaders: Record<string, string>;
  fetch: typeof fetch | undefined;
}

interface Success {
  kind: 'ok';
  response: Response;
  /** The body, when it was read (null for streamed responses). */
  text: string | null;
}

/** Sends requests with auth, timeouts and retries; everything else in the SDK goes through it. */
export class HttpClient {
  constructor(readonly config: HttpClientConfig) {}

  /** The JSON body of a successful response (undefined for 204). */
  async json<T>(request: HttpRequest): Promise<T> {
    const { text } = await this.send(request, { readBody: true });
    return (text === null || text === '' ? undefined : JSON.parse(text)) as T;
  }

  /** The successful Response itself, body unread (event streams, downloads). The timeout covers the headers only. */
  async response(request: HttpRequest): Promise<Response> {
    return (await this.send(request, { readBody: false })).response;
  }

  url(path: string, query?: HttpRequest['query']): string {
    const url = new URL(`${this.config.baseURL}${path}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  private headers(request: HttpRequest): Headers {
    const headers = new Headers({ accept: 'application/json' });
    if (this.config.apiKey !== null) headers.set('authorization', `Bearer ${this.config.apiKey}`);
    if (request.body !== undefined) headers.set('content-type', 'json' in request.body ? 'application/json' : request.body.contentType);
    if (request.idempotencyKey !== undefined) headers.set('idempotency-key', request.idempotencyKey);
    for (const extra of [this.config.defaultHeaders, request.headers, request.options?.headers]) {
      for (const [key, value] of Object.entries(extra ?? {})) headers.set(key, value);
    }
    return headers;
  }

  private async send(request: HttpRequest, mode: { readBody: boolean }): Promise<Success> {
    const maxRetries = request.options?.maxRetries ?? this.config.maxRetries;
    const timeout = request.options?.timeout ?? this.config.timeout;
    const userSignal = request.options?.signal;
    const url = this.url(request.path, request.query);
    const headers = this.headers(request);
    const body = request.body === undefined ? undefined : 'json' in request.body ? JSON.stringify(request.body.json) : request.body.raw;
    for (let retriesDone = 0; ; retriesDone += 1) {
      const canRetry = retriesDone < maxRetries;
      const attempt = await this.attempt({ url, method: request.method, headers, body, timeout, userSignal, readBody: mode.readBody });
      if (attempt.kind === 'ok') return attempt;
      if (attempt.kind === 'network') {
        if (!canRetry) throw attempt.error;
        await sleep(retryDelayMs({ retriesDone }), userSignal);
        continue;
      }
      if (!canRetry || !shouldRetry(attempt.error)) throw attempt.error;
      await sleep(retryDelayMs({ retriesDone, headers: attempt.error.headers }), userSignal);
    }
  }

  private async attempt(input: {
    url: string;
    method: string;
    headers: Headers;
    body: RawBody | undefined;
    timeout: number;
    userSignal: AbortSignal | undefined;
    readBody: boolean;
  }): Promise<Success | { kind: 'http'; error: APIError } | { kind: 'network'; error: APIConnectionError }> {
    if (input.userSignal?.aborted === true) throw new APIUserAbortError(undefined, { cause: input.userSignal.reason });
    const timeoutController = new AbortController();
    const timer = setTimeout(() => timeoutController.abort(), input.timeout);
    const { signal, dispose } = anySignal([input.userSignal, timeoutController.signal]);
    const fetchImpl = this.config.fetch ?? globalThis.fetch;
    const fail = (error: unknown) => {
      if (input.userSignal?.aborted === true) throw new APIUserAbortError(undefined, { cause: input.userSignal.reason });
      if (timeoutController.signal.aborted) {
        return { kind: 'network' as const, error: new APIConnectionTimeoutError(`Request timed out after ${input.timeout} ms`, { cause: error }) };
      }
      const reason = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      return { kind: 'network' as const, error: new APIConnectionError(`Connection error${reason}`, { cause: error }) };
    };
    try {
      let response: Response;
      try {
        response = await fetchImpl(input.url, { method: input.method, headers: input.headers, body: input.body ?? null, signal });
      } catch (error) {
        if (error instanceof LayerlabError) throw error;
        return fail(error);
      }
      if (response.ok && !input.readBody) return { kind: 'ok', response, text: null };
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        return fail(error);
      }
      if (response.ok) return { kind: 'ok', response, text };
      return { kind: 'http', error: APIError.generate({ status: response.status, headers: response.headers, bodyText: text }) };
    } finally {
      clearTimeout(timer);
      // a streamed body keeps listening to the caller's signal through `signal`
      if (input.readBody) dispose();
    }
  }
}
