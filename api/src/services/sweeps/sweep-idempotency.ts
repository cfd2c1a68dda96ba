import { z } from 'zod';
import { sha256Hex } from '../../config.js';
import { ApiError } from '../../errors/api-error.js';
import { getJson, putJson } from '../../store/json.js';
import { keys } from '../../store/keys.js';
import { PreconditionFailedError } from '../../store/types.js';
import type { JobScope } from '../jobs.js';

const Reservation = z.object({ bodyHash: z.string(), sweepId: z.string() });

/**
 * Reserves an Idempotency-Key for a new sweep (`If-None-Match: *`, so two concurrent retries
 * agree). Returns the sweep id the key already points at (same body), null when it is ours now;
 * the same key with another body is 409. Sweep keys are hashed apart from job keys.
 */
export async function reserveSweepKey(scope: JobScope, input: { key: string; body: unknown; sweepId: string }): Promise<string | null> {
  const storeKey = keys.idempotency(scope.tenant, await sha256Hex(`sweeps\n${input.key}`));
  const bodyHash = await sha256Hex(JSON.stringify(input.body));
  for (let attempt = 0; attempt < 20; attempt += 1) {
    try {
      await putJson(scope.store, storeKey, { bodyHash, sweepId: input.sweepId }, { ifNoneMatch: '*' });
      return null;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
    const existing = await getJson(scope.store, storeKey, Reservation);
    if (existing === null) continue;
    if (existing.bodyHash !== bodyHash) throw new ApiError('CONFLICT', 'this Idempotency-Key was already used with a different request body');
    return existing.sweepId;
  }
  throw new ApiError('UNAVAILABLE', 'could not reserve the Idempotency-Key; retry', { headers: { 'retry-after': '1' } });
}
