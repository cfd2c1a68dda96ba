import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { ApiError } from '../errors/api-error.js';

export interface RateLimitOptions {
  /** Sustained requests per minute per tenant; bursts up to the same number. 0 disables. */
  perMinute: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * A token bucket per tenant, in this process's memory (on Workers: per isolate, so a best-effort
 * guard against runaway clients rather than a billing-grade quota). Over the limit: 429 with
 * Retry-After.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const buckets = new Map<string, Bucket>();
  const now = options.now ?? Date.now;
  const perMs = options.perMinute / 60_000;
  return async function rateLimitMiddleware(c, next) {
    const tenant = c.get('tenant');
    if (options.perMinute === 0 || tenant === undefined) return next();
    const at = now();
    const bucket = buckets.get(tenant) ?? { tokens: options.perMinute, updated: at };
    bucket.tokens = Math.min(options.perMinute, bucket.tokens + (at - bucket.updated) * perMs);
    bucket.updated = at;
    buckets.set(tenant, bucket);
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      throw new ApiError('RATE_LIMITED', `more than ${options.perMinute} requests a minute; retry in ${retryAfter} s`, {
        headers: { 'retry-after': String(retryAfter) },
      });
    }
    bucket.tokens -= 1;
    return next();
  };
}
