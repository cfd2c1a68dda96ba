import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { sha256Hex, type ApiKeyEntry } from '../config.js';
import { ApiError } from '../errors/api-error.js';

/** The tenant of local mode, where no keys are configured. */
export const LOCAL_TENANT = 'local';

export interface AuthOptions {
  /** null: local mode, every request is tenant `local`. */
  keys: ApiKeyEntry[] | null;
  /** Paths served without a key (health, docs, the dashboard shell). */
  isPublic: (path: string) => boolean;
  /** Lets a request through on another credential (e.g. a signed artifact URL). */
  bypass?: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => Promise<string | null>;
}

/** Bearer-key auth: the key's SHA-256 picks the tenant; anything else is 401 problem+json. */
export function auth(options: AuthOptions): MiddlewareHandler<AppEnv> {
  const byHash = new Map((options.keys ?? []).map((entry) => [entry.sha256, entry.tenant]));
  return async function authMiddleware(c, next) {
    if (options.keys === null) {
      c.set('tenant', LOCAL_TENANT);
      return next();
    }
    if (options.isPublic(c.req.path)) return next();
    const header = c.req.header('authorization');
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match === null) {
      const bypassTenant = options.bypass === undefined ? null : await options.bypass(c);
      if (bypassTenant !== null) {
        c.set('tenant', bypassTenant);
        return next();
      }
      throw new ApiError('UNAUTHORIZED', 'send your API key as "Authorization: Bearer <key>"', {
        headers: { 'www-authenticate': 'Bearer realm="layerlab"' },
      });
    }
    const tenant = byHash.get(await sha256Hex(match[1] as string));
    if (tenant === undefined) {
      throw new ApiError('UNAUTHORIZED', 'the API key is not valid', { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
    }
    c.set('tenant', tenant);
    return next();
  };
}
