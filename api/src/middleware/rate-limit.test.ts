import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../app-env.js';
import { ApiError } from '../errors/api-error.js';
import { rateLimit } from './rate-limit.js';

function app(perMinute: number, clock: { t: number }) {
  const hono = new Hono<AppEnv>();
  hono.use('*', async (c, next) => {
    c.set('tenant', c.req.header('x-tenant') ?? 'a');
    await next();
  });
  hono.use('*', rateLimit({ perMinute, now: () => clock.t }));
  hono.get('/', (c) => c.text('ok'));
  hono.onError((error, c) => (error instanceof ApiError ? c.json({ code: error.code }, error.status as 429, error.headers) : c.text('?', 500)));
  return hono;
}

describe('rateLimit', () => {
  it('allows a burst of perMinute, then 429 with Retry-After until tokens refill', async () => {
    const clock = { t: 0 };
    const hono = app(60, clock); // one token a second
    for (let i = 0; i < 60; i += 1) expect((await hono.request('/')).status).toBe(200);
    const limited = await hono.request('/');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    clock.t += 1000;
    expect((await hono.request('/')).status).toBe(200);
    expect((await hono.request('/')).status).toBe(429);
  });

  it('keeps tenants apart and can be switched off', async () => {
    const clock = { t: 0 };
    const hono = app(1, clock);
    expect((await hono.request('/')).status).toBe(200);
    expect((await hono.request('/')).status).toBe(429);
    expect((await hono.request('/', { headers: { 'x-tenant': 'b' } })).status).toBe(200);
    const off = app(0, clock);
    for (let i = 0; i < 5; i += 1) expect((await off.request('/')).status).toBe(200);
  });
});
