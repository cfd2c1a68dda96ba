import { Problem, type ErrorCode, ERROR_STATUS } from '@layerlab/sdk/spec';
import type { z } from 'zod';

/** A JSON response entry for createRoute. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** problem+json responses for the given codes, grouped by status. */
export function errors(...codes: ErrorCode[]) {
  const byStatus: Record<number, { description: string; content: { 'application/problem+json': { schema: typeof Problem } } }> = {};
  for (const code of codes) {
    const status = ERROR_STATUS[code];
    const existing = byStatus[status];
    byStatus[status] = {
      description: existing === undefined ? code : `${existing.description}, ${code}`,
      content: { 'application/problem+json': { schema: Problem } },
    };
  }
  return byStatus;
}

/** Errors any authenticated route can answer. */
export const COMMON_ERRORS: ErrorCode[] = ['UNAUTHORIZED', 'RATE_LIMITED', 'INTERNAL', 'UNAVAILABLE'];
