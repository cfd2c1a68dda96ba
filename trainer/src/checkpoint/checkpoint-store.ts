import { getJson, keys, putJson, type ObjectStore } from '@layerlab/api/store';
import { CheckpointState, packTensors, unpackTensors, type NamedValues } from './checkpoint-format.js';

export interface CheckpointRef {
  store: ObjectStore;
  tenant: string;
  jobId: string;
}

export interface LoadedCheckpoint {
  state: CheckpointState;
  tensors: NamedValues[];
}

const STATE = 'state.json';
const tensorsName = (epoch: number) => `tensors-${String(epoch).padStart(6, '0')}.bin`;

/**
 * Writes a checkpoint: the tensors to a new file named for the epoch, then state.json pointing
 * at it, then removes the previous tensors file. Either the old or the new checkpoint is whole.
 */
export async function writeCheckpoint(ref: CheckpointRef, input: { state: Omit<CheckpointState, 'tensorsKey' | 'tensors'>; tensors: NamedValues[] }): Promise<void> {
  const files = keys.job(ref.tenant, ref.jobId);
  const previous = await getJson(ref.store, files.checkpointFile(STATE), CheckpointState).catch(() => null);
  const { bytes, entries } = packTensors(input.tensors);
  const name = tensorsName(input.state.epoch);
  await ref.store.put(files.checkpointFile(name), bytes, { contentType: 'application/octet-stream' });
  await putJson(ref.store, files.checkpointFile(STATE), { ...input.state, tensorsKey: name, tensors: entries });
  if (previous !== null && previous.tensorsKey !== name) await ref.store.delete(files.checkpointFile(previous.tensorsKey));
}

/** The job's last checkpoint, or null when it has none (a first run). */
export async function readCheckpoint(ref: CheckpointRef): Promise<LoadedCheckpoint | null> {
  const files = keys.job(ref.tenant, ref.jobId);
  const state = await getJson(ref.store, files.checkpointFile(STATE), CheckpointState);
  if (state === null) return null;
  if (!/^tensors-\d{6}\.bin$/.test(state.tensorsKey)) throw new Error(`checkpoint of ${ref.jobId} names an invalid file`);
  const object = await ref.store.get(files.checkpointFile(state.tensorsKey));
  if (object === null) throw new Error(`checkpoint of ${ref.jobId} lost its tensors (${state.tensorsKey})`);
  return { state, tensors: unpackTensors(object.body, state.tensors) };
}

/** Removes a finished job's checkpoint (it is only needed to resume). */
export async function deleteCheckpoint(ref: CheckpointRef): Promise<void> {
  const files = keys.job(ref.tenant, ref.jobId);
  let cursor: string | undefined;
  do {
    const page = await ref.store.list(files.checkpoint, cursor === undefined ? {} : { cursor });
    for (const object of page.objects) await ref.store.delete(object.key);
    cursor = page.cursor ?? undefined;
  } while (cursor !== undefined);
}
