import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from '../errors/api-error.js';
import { validationError } from '../errors/problem.js';

interface HookResult {
  success: boolean;
  error?: z.ZodError;
  target: string;
}

const WHAT: Record<string, string> = {
  json: 'request body',
  query: 'query parameters',
  header: 'headers',
};

/**
 * Renders every validation failure one way: a malformed id in the path is 404 (it cannot name
 * anything), anything else is 422 with the offending fields.
 */
export function validationHook(result: HookResult, c: Context): void {
  if (result.success || result.error === undefined) return;
  if (result.target === 'param') {
    const value = Object.values(c.req.param()).join('/');
    throw new ApiError('NOT_FOUND', `"${value}" is not a valid id: ${result.error.issues[0]?.message ?? 'bad id'}`);
  }
  const prefix = result.target === 'query' ? ['query'] : [];
  throw validationError(WHAT[result.target] ?? result.target, result.error.issues, prefix);
}
