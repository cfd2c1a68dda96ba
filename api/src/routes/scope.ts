import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';

/** The store and tenant of the request. */
export function jobScope(c: Context<AppEnv>) {
  return { store: c.get('deps').store, tenant: c.get('tenant') };
}

/** Keeps work running after the response: Workers' waitUntil, else detached with a logged failure. */
export function background(c: Context<AppEnv>): (work: Promise<unknown>) => void {
  const deps = c.get('deps');
  return (work) => {
    const guarded = work.catch((error: unknown) => (deps.log ?? console.error)({ level: 'error', msg: 'background work failed', error: String(error) }));
    if (deps.background !== undefined) return deps.background(guarded);
    try {
      c.executionCtx.waitUntil(guarded);
    } catch {
      // not on Workers: the promise runs on by itself
    }
  };
}
