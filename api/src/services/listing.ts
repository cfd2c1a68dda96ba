import type { ObjectStore } from '../store/types.js';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Stop scanning a filtered listing after this many entries and hand back a cursor instead. */
const MAX_SCAN = 500;

/**
 * Lists `{prefix}{id}/...` resources newest first (ids sort that way), loading each by id and
 * keeping those `filter` accepts. The cursor is the last id already handed out (or scanned),
 * so the next page starts right after it.
 */
export async function listNewestFirst<T>(options: {
  store: ObjectStore;
  prefix: string;
  limit: number;
  cursor?: string | undefined;
  load: (id: string) => Promise<T | null>;
  filter?: (item: T) => boolean;
}): Promise<Page<T>> {
  const data: T[] = [];
  let after = options.cursor === undefined ? undefined : `${options.prefix}${options.cursor}/`;
  let lastId: string | null = null;
  let scanned = 0;
  for (;;) {
    const page = await options.store.list(options.prefix, {
      delimiter: '/',
      limit: Math.min(100, options.limit + 1),
      ...(after === undefined ? {} : { cursor: after }),
    });
    for (const prefix of page.prefixes) {
      const id = prefix.slice(options.prefix.length, -1);
      const item = await options.load(id).catch(() => null);
      if (item !== null && (options.filter === undefined || options.filter(item))) {
        // one more match than fits: there is a next page, starting after the last one we keep
        if (data.length === options.limit) return { data, nextCursor: lastId };
        data.push(item);
      }
      lastId = id;
      after = prefix;
      scanned += 1;
      if (scanned >= MAX_SCAN && data.length < options.limit) return { data, nextCursor: id };
    }
    if (page.cursor === null) return { data, nextCursor: null };
  }
}
