import { z } from 'zod';
import { ID_PATTERN } from './ids.js';

/** `limit` and `cursor` query parameters every list route takes. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().regex(ID_PATTERN, 'must be the nextCursor of a previous page').optional(),
});

/** A page of a list, newest first; `nextCursor` is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
}
