import type { z } from 'zod';
import { PreconditionFailedError, type ObjectStore } from './types.js';

const decoder = new TextDecoder();

/** A stored JSON document that no longer matches its schema (a bug or a hand edit). */
export class CorruptObjectError extends Error {
  constructor(readonly key: string, reason: string) {
    super(`stored object ${key} is not valid: ${reason}`);
    this.name = 'CorruptObjectError';
  }
}

function parse<T extends z.ZodType>(key: string, bytes: Uint8Array, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(bytes));
  } catch (error) {
    throw new CorruptObjectError(key, String(error));
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new CorruptObjectError(key, result.error.message);
  return result.data;
}

/** Reads and validates a JSON object; null when the key does not exist. */
export async function getJson<T extends z.ZodType>(store: ObjectStore, key: string, schema: T): Promise<z.infer<T> | null> {
  const object = await store.get(key);
  return object === null ? null : parse(key, object.body, schema);
}

/** Same as getJson, with the ETag for a later conditional write. */
export async function getJsonWithEtag<T extends z.ZodType>(
  store: ObjectStore,
  key: string,
  schema: T,
): Promise<{ value: z.infer<T>; etag: string } | null> {
  const object = await store.get(key);
  return object === null ? null : { value: parse(key, object.body, schema), etag: object.etag };
}

export interface PutJsonOptions {
  ifMatch?: string;
  ifNoneMatch?: '*';
}

/** Writes a JSON document (pretty enough to read by hand, compact enough to be cheap). */
export async function putJson(store: ObjectStore, key: string, value: unknown, options: PutJsonOptions = {}) {
  return store.put(key, JSON.stringify(value), { ...options, contentType: 'application/json' });
}

/** What `updateJson`'s mutator returns: the new value, or `undefined` to leave the object alone. */
export type Mutation<T> = (current: T) => T | undefined;

/**
 * Read-modify-write with compare-and-swap: retries when another writer got there first.
 * Returns the value now stored (the unchanged one if the mutator declined), or null if absent.
 */
export async function updateJson<T extends z.ZodType>(
  store: ObjectStore,
  key: string,
  schema: T,
  mutate: Mutation<z.infer<T>>,
  attempts = 20,
): Promise<z.infer<T> | null> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const current = await getJsonWithEtag(store, key, schema);
    if (current === null) return null;
    const next = mutate(current.value);
    if (next === undefined) return current.value;
    try {
      await putJson(store, key, next, { ifMatch: current.etag });
      return next;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
  throw new Error(`could not update ${key}: too much contention`);
}
