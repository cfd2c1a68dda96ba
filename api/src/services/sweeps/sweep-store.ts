import { PlannedTrial, Sweep, SweepGoal, MetricNameSchema } from '@layerlab/sdk/spec';
import { z } from 'zod';
import { getJson, getJsonWithEtag, putJson, updateJson, type Mutation } from '../../store/json.js';
import { keys } from '../../store/keys.js';
import type { ObjectStore } from '../../store/types.js';

/**
 * sweep.json: the sweep as created (its settings and the whole planned trial list) plus its
 * lifecycle. What each trial is doing lives in its job; trials/{index}.json links the two.
 */
export const SweepRecord = Sweep.omit({ runs: true, best: true }).extend({
  tenant: z.string(),
  trials: z.array(PlannedTrial),
});
export type SweepRecord = z.infer<typeof SweepRecord>;

/** trials/{index}.json: trial `index` was started as job `jobId`. */
export const TrialSlot = z.object({ index: z.number().int().min(0), jobId: z.string() });
export type TrialSlot = z.infer<typeof TrialSlot>;

/** rungs/{k}/{jobId}.json: a trial's metric when it reached ASHA rung k, and what was decided. */
export const RungEntry = z.object({
  jobId: z.string(),
  epoch: z.number().int().min(1),
  metric: MetricNameSchema,
  goal: SweepGoal,
  value: z.number(),
  recordedAt: z.string(),
  decision: z.object({ continue: z.boolean(), rank: z.number().int().min(1), of: z.number().int().min(1) }).nullable(),
});
export type RungEntry = z.infer<typeof RungEntry>;

/** dispatch/sweeps/{id}.json: a sweep the controller still drives. */
export const PendingSweep = z.object({ tenant: z.string(), sweepId: z.string() });
export type PendingSweep = z.infer<typeof PendingSweep>;

export interface SweepRef {
  store: ObjectStore;
  tenant: string;
  sweepId: string;
}

/** sweep.json with its ETag; null when the sweep does not exist. */
export function readSweep(ref: SweepRef) {
  return getJsonWithEtag(ref.store, keys.sweep(ref.tenant, ref.sweepId).sweep, SweepRecord);
}

/** Compare-and-swap update of sweep.json; the mutator returns undefined to change nothing. */
export function updateSweep(ref: SweepRef, mutate: Mutation<SweepRecord>) {
  return updateJson(ref.store, keys.sweep(ref.tenant, ref.sweepId).sweep, SweepRecord, mutate);
}

/** Every key under a prefix (all pages). */
async function listKeys(store: ObjectStore, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(prefix, cursor === undefined ? {} : { cursor });
    found.push(...page.objects.map((object) => object.key));
    cursor = page.cursor ?? undefined;
  } while (cursor !== undefined);
  return found;
}

/** The trials started so far, in index order. */
export async function readTrialSlots(ref: SweepRef): Promise<TrialSlot[]> {
  const slots = await Promise.all(
    (await listKeys(ref.store, keys.sweep(ref.tenant, ref.sweepId).trials)).map((key) => getJson(ref.store, key, TrialSlot).catch(() => null)),
  );
  return slots.filter((slot): slot is TrialSlot => slot !== null).sort((a, b) => a.index - b.index);
}

/** Records that trial `slot.index` runs as job `slot.jobId`. */
export async function writeTrialSlot(ref: SweepRef, slot: TrialSlot): Promise<void> {
  await putJson(ref.store, keys.sweep(ref.tenant, ref.sweepId).trial(slot.index), slot);
}

/** Records (or re-records, after a restart) one trial's entry at a rung. */
export async function writeRungEntry(ref: SweepRef & { rung: number }, entry: RungEntry): Promise<void> {
  await putJson(ref.store, keys.sweep(ref.tenant, ref.sweepId).rungEntry(ref.rung, entry.jobId), entry);
}

/** Every trial's entry at a rung, as in storage right now (all machines' trials). */
export async function readRungEntries(ref: SweepRef & { rung: number }): Promise<RungEntry[]> {
  const entries = await Promise.all(
    (await listKeys(ref.store, keys.sweep(ref.tenant, ref.sweepId).rung(ref.rung))).map((key) => getJson(ref.store, key, RungEntry).catch(() => null)),
  );
  return entries.filter((entry): entry is RungEntry => entry !== null);
}

/** One trial's entry at a rung; null when it has not reached it (or the entry is unreadable). */
export async function readRungEntry(ref: SweepRef & { rung: number; jobId: string }): Promise<RungEntry | null> {
  return getJson(ref.store, keys.sweep(ref.tenant, ref.sweepId).rungEntry(ref.rung, ref.jobId), RungEntry).catch(() => null);
}

/** Puts a sweep in the controller's list of sweeps to drive. */
export async function markSweepPending(ref: SweepRef): Promise<void> {
  await putJson(ref.store, keys.pendingSweep(ref.sweepId), { tenant: ref.tenant, sweepId: ref.sweepId });
}

/** Takes a finished sweep off the controller's list. */
export async function dropSweepPending(ref: SweepRef): Promise<void> {
  await ref.store.delete(keys.pendingSweep(ref.sweepId));
}

/** The sweeps still to drive, all tenants. */
export async function readPendingSweeps(store: ObjectStore): Promise<PendingSweep[]> {
  const markers = await Promise.all((await listKeys(store, keys.pendingSweeps())).map((key) => getJson(store, key, PendingSweep).catch(() => null)));
  return markers.filter((marker): marker is PendingSweep => marker !== null);
}
