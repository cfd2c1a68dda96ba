import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { newRequestId } from '../ids.js';

const INCOMING = /^[A-Za-z0-9_-]{8,64}$/;

/** Gives every request an id (or keeps a sane incoming X-Request-Id) and echoes it back. */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async function requestIdMiddleware(c, next) {
    const incoming = c.req.header('x-request-id');
    const id = incoming !== undefined && INCOMING.test(incoming) ? incoming : newRequestId();
    c.set('requestId', id);
    await next();
    c.res.headers.set('x-request-id', id);
  };
}
