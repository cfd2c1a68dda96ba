import { describe, expect, it } from 'vitest';
import { APIError } from './errors.js';
import { retryAfterMs, retryDelayMs, shouldRetry } from './retry-policy.js';

function apiError(status: number, detail = 'x', headers: Record<string, string> = {}): APIError {
  const body = JSON.stringify({ type: '/docs/errors#x', title: 't', status, code: status === 409 ? 'CONFLICT' : 'INTERNAL', detail, requestId: 'req_1' });
  return APIError.generate({ status, headers: new Headers(headers), bodyText: body });
}

describe('retryDelayMs', () => {
  // backoff n = min(500 · 2ⁿ, 8000) · (1 − 0.25 · random)
  it('doubles from 0.5 s up to 8 s, jittered down by at most 25 %', () => {
    expect(retryDelayMs({ retriesDone: 0, random: () => 0 })).toBe(500);
    expect(retryDelayMs({ retriesDone: 0, random: () => 1 })).toBe(375);
    expect(retryDelayMs({ retriesDone: 1, random: () => 0.5 })).toBe(875); // 1000 · 0.875
    expect(retryDelayMs({ retriesDone: 3, random: () => 0 })).toBe(4000);
    expect(retryDelayMs({ retriesDone: 4, random: () => 0 })).toBe(8000);
    expect(retryDelayMs({ retriesDone: 9, random: () => 0.2 })).toBe(7600); // capped 8000 · 0.95
  });

  it('honours Retry-After in seconds, as an HTTP date, and retry-after-ms', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    expect(retryDelayMs({ retriesDone: 0, headers: new Headers({ 'retry-after': '5' }), now })).toBe(5000);
    expect(retryDelayMs({ retriesDone: 0, headers: new Headers({ 'retry-after': '0.25' }), now })).toBe(250);
    expect(retryDelayMs({ retriesDone: 0, headers: new Headers({ 'retry-after': 'Wed, 21 Oct 2026 07:28:03 GMT' }), now })).toBe(3000);
    expect(retryDelayMs({ retriesDone: 0, headers: new Headers({ 'retry-after-ms': '150', 'retry-after': '9' }), now })).toBe(150);
  });

  it('falls back to backoff when Retry-After is absurd, in the past or unparseable', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    const backoff = (value: string) => retryDelayMs({ retriesDone: 1, headers: new Headers({ 'retry-after': value }), now, random: () => 0 });
    expect(backoff('120')).toBe(1000);
    expect(backoff('Wed, 21 Oct 2026 07:27:00 GMT')).toBe(1000);
    expect(backoff('soon')).toBe(1000);
    expect(retryAfterMs(new Headers(), now)).toBeNull();
  });
});

describe('shouldRetry', () => {
  it('retries 408, 409, 429 and every 5xx, not other 4xx', () => {
    expect([408, 409, 429, 500, 502, 503, 504].map((status) => shouldRetry(apiError(status)))).toEqual([true, true, true, true, true, true, true]);
    expect([400, 401, 403, 404, 413, 422].map((status) => shouldRetry(apiError(status)))).toEqual([false, false, false, false, false, false]);
  });

  it('does not retry an Idempotency-Key used with another body, but does retry one still in progress', () => {
    expect(shouldRetry(apiError(409, 'this Idempotency-Key was already used with a different request body'))).toBe(false);
    expect(shouldRetry(apiError(409, 'a request with this Idempotency-Key is still being processed; retry'))).toBe(true);
  });

  it('lets the server decide with x-should-retry', () => {
    expect(shouldRetry(apiError(400, 'x', { 'x-should-retry': 'true' }))).toBe(true);
    expect(shouldRetry(apiError(503, 'x', { 'x-should-retry': 'false' }))).toBe(false);
  });
});
