import type { APIError } from './errors.js';

/** Backoff before retry n (0-based): 0.5 s · 2ⁿ, at most 8 s, minus up to 25 % jitter. */
export const BACKOFF = { initialMs: 500, maxMs: 8000, jitter: 0.25 } as const;

/** A server-suggested wait longer than this is ignored in favour of our own backoff. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * True for a conflict that a retry cannot fix: the Idempotency-Key was used with another body.
 * The API's other key conflict ("still being processed; retry") is transient and retried.
 */
export function isIdempotencyMismatch(error: APIError): boolean {
  const detail = error.problem?.detail ?? '';
  return error.status === 409 && /idempotency-key/i.test(detail) && !/\bretry\b/i.test(detail);
}

/** Network errors aside, which failed responses are worth another attempt. */
export function shouldRetry(error: APIError): boolean {
  // a server may say so explicitly (x-should-retry: true|false), as OpenAI's does
  const explicit = error.headers.get('x-should-retry');
  if (explicit === 'true') return true;
  if (explicit === 'false') return false;
  if (error.status === 409) return !isIdempotencyMismatch(error);
  return error.status === 408 || error.status === 429 || error.status >= 500;
}

/** The wait a response asks for (retry-after-ms, or Retry-After in seconds or as an HTTP date), in ms. */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | null {
  const ms = headers?.get('retry-after-ms');
  if (ms !== null && ms !== undefined && ms.trim() !== '' && Number.isFinite(Number(ms))) return Number(ms);
  const value = headers?.get('retry-after');
  if (value === null || value === undefined || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : date - now;
}

/**
 * How long to wait before the next attempt (defaults: now = Date.now(), random = Math.random).
 * Retry-After wins when it is between 0 and 60 s; otherwise jittered exponential backoff.
 */
export function retryDelayMs(options: { retriesDone: number; headers?: Headers; now?: number; random?: () => number }): number {
  const suggested = retryAfterMs(options.headers, options.now);
  if (suggested !== null && suggested >= 0 && suggested <= MAX_RETRY_AFTER_MS) return suggested;
  const base = Math.min(BACKOFF.initialMs * 2 ** options.retriesDone, BACKOFF.maxMs);
  const random = options.random ?? Math.random;
  return base * (1 - random() * BACKOFF.jitter);
}
