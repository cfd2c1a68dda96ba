import * as tf from '@tensorflow/tfjs';
import { EpochMetrics } from '@layerlab/sdk/spec';
import { z } from 'zod';

/** One tensor inside the checkpoint's binary file: float32 values at `offset` (in floats). */
export const TensorEntry = z.object({
  /** `model`, `optimizer`, or `callback:<name>` */
  group: z.string(),
  name: z.string(),
  shape: z.array(z.number().int().min(0)),
  offset: z.number().int().min(0),
});
export type TensorEntry = z.infer<typeof TensorEntry>;

/**
 * checkpoint/state.json, written last: it names the binary file holding every tensor, so a
 * trainer killed between the two writes leaves the previous checkpoint intact.
 */
export const CheckpointState = z.object({
  version: z.literal(1),
  /** The last finished epoch (1-based); training resumes with epoch + 1. */
  epoch: z.number().int().min(0),
  history: z.array(EpochMetrics),
  /** Set when the loop had decided to stop (early stopping, pruning) at this epoch. */
  stopReason: z.string().nullable(),
  runId: z.string().nullable(),
  tensorsKey: z.string(),
  tensors: z.array(TensorEntry),
  optimizer: z.object({
    name: z.string(),
    step: z.number(),
    learningRate: z.number(),
    momentum: z.number().nullable(),
  }),
  /** Each callback's `state()`, by callback name. */
  callbacks: z.record(z.string(), z.unknown()),
  savedAt: z.string(),
});
export type CheckpointState = z.infer<typeof CheckpointState>;

export interface NamedValues {
  group: string;
  name: string;
  shape: number[];
  values: Float32Array | number[];
}

/** Packs tensors' values into one float32 buffer and the index that finds them again. */
export function packTensors(items: NamedValues[]): { bytes: Uint8Array; entries: TensorEntry[] } {
  const total = items.reduce((sum, item) => sum + item.values.length, 0);
  const floats = new Float32Array(total);
  const entries: TensorEntry[] = [];
  let offset = 0;
  for (const item of items) {
    floats.set(item.values, offset);
    entries.push({ group: item.group, name: item.name, shape: item.shape, offset });
    offset += item.values.length;
  }
  return { bytes: new Uint8Array(floats.buffer), entries };
}

/** The values of every packed tensor, in index order. */
export function unpackTensors(bytes: Uint8Array, entries: TensorEntry[]): NamedValues[] {
  const copy = bytes.slice(); // aligned, and independent of the store's buffer
  const floats = new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4));
  return entries.map((entry) => {
    const size = entry.shape.reduce((product, dim) => product * dim, 1);
    if (entry.offset + size > floats.length) throw new Error(`checkpoint tensor ${entry.group}/${entry.name} is truncated`);
    return { group: entry.group, name: entry.name, shape: entry.shape, values: floats.subarray(entry.offset, entry.offset + size) };
  });
}

/** Reads tensors to float32 values (one read-back per tensor, at epoch end only). */
export async function tensorValues(group: string, tensors: { name: string; tensor: tf.Tensor }[]): Promise<NamedValues[]> {
  return Promise.all(
    tensors.map(async ({ name, tensor }) => ({ group, name, shape: [...tensor.shape], values: (await tensor.data()) as Float32Array })),
  );
}
