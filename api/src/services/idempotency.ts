import { z } from 'zod';
import { sha256Hex } from '../config.js';
import { ApiError } from '../errors/api-error.js';
import { getJsonWithEtag, putJson } from '../store/json.js';
import { keys } from '../store/keys.js';
import { PreconditionFailedError, type ObjectStore } from '../store/types.js';

/** A reservation whose resource never appeared for this long is from a request that died midway. */
export const ABANDONED_RESERVATION_MS = 30_000;

const Reservation = z.object({ bodyHash: z.string(), id: z.string(), reservedAt: z.number() });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ClaimOptions<T> {
  store: ObjectStore;
  tenant: string;
  /** Keys are per resource kind: the same key may create a job and a sweep. */
  kind: 'jobs' | 'sweeps';
  key: string;
  /** The request as validated; the same key with another body is 409. */
  body: unknown;
  /** The id the new resource will get if the key is ours. */
  id: string;
  /** Reads the resource a reservation points at (null while it is being written). */
  load: (id: string) => Promise<T | null>;
}

/**
 * Reserves an Idempotency-Key (`If-None-Match: *`, so concurrent retries agree on one winner), or
 * returns what an earlier request with the same key and body created. A reservation whose resource
 * never appeared within 30 s (its request crashed between the two writes) is taken over, so a
 * retry is never stuck on it. Returns null when the key is now ours.
 */
export async function claimIdempotencyKey<T>(options: ClaimOptions<T>): Promise<T | null> {
  const storeKey = keys.idempotency(options.tenant, await sha256Hex(`${options.kind}\n${options.key}`));
  const bodyHash = await sha256Hex(JSON.stringify(options.body));
  const mine = () => ({ bodyHash, id: options.id, reservedAt: Date.now() });
  for (let attempt = 0; attempt < 60; attempt += 1) {
    try {
      await putJson(options.store, storeKey, mine(), { ifNoneMatch: '*' });
      return null;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
    const existing = await getJsonWithEtag(options.store, storeKey, Reservation);
    if (existing === null) continue;
    if (existing.value.bodyHash !== bodyHash) {
      throw new ApiError('CONFLICT', 'this Idempotency-Key was already used with a different request body', {
        headers: { 'x-should-retry': 'false' },
      });
    }
    const found = await options.load(existing.value.id);
    if (found !== null) return found;
    if (Date.now() - existing.value.reservedAt < ABANDONED_RESERVATION_MS) {
      await pause(50); // a concurrent request with this key is still writing its resource
      continue;
    }
    try {
      await putJson(options.store, storeKey, mine(), { ifMatch: existing.etag });
      return null;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
  }
  throw new ApiError('CONFLICT', 'a request with this Idempotency-Key is still being processed; retry', { headers: { 'retry-after': '1' } });
}
