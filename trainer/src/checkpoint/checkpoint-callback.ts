import * as tf from '@tensorflow/tfjs';
import type { EpochMetrics } from '@layerlab/sdk/spec';
import type { Callback, LoopContext, StopReason } from '../train/callbacks.js';
import type { OptimizerState } from '../train/optimizers/types.js';
import { tensorValues, type NamedValues } from './checkpoint-format.js';
import { readCheckpoint, writeCheckpoint, type CheckpointRef, type LoadedCheckpoint } from './checkpoint-store.js';

export interface CheckpointOptions extends CheckpointRef {
  /** The other callbacks whose state() and tensors() the checkpoint carries. */
  callbacks: Callback[];
  /** The lease of the run writing (recorded for diagnosis). */
  runId?: string | null;
  /** Throws when this run no longer owns the job, so a presumed-dead run never overwrites a newer checkpoint. */
  beforeWrite?: () => Promise<void>;
}

/** Optimizer slots are keyed by variable name, which tfjs numbers per process: store indices instead. */
function slotNameMaps(model: tf.LayersModel) {
  const names = model.trainableWeights.map((weight) => (weight.read() as tf.Variable).name);
  const toIndex = (slot: string) => {
    const cut = slot.indexOf(':');
    const index = names.indexOf(slot.slice(cut + 1));
    return index === -1 ? slot : `${slot.slice(0, cut)}:#${index}`;
  };
  const fromIndex = (slot: string) => {
    const match = /^(.*):#(\d+)$/.exec(slot);
    const name = match === null ? undefined : names[Number(match[2])];
    return match === null || name === undefined ? slot : `${match[1]}:${name}`;
  };
  return { toIndex, fromIndex };
}

/**
 * Saves a checkpoint at the end of every epoch (after the other callbacks updated their state,
 * before progress is reported) and, on a resumed run, puts everything back when training begins.
 */
export class CheckpointCallback implements Callback {
  readonly name = 'checkpoint';
  private pending: LoadedCheckpoint | null = null;

  constructor(private readonly options: CheckpointOptions) {}

  /** Reads the job's checkpoint; returns where fit() should continue, or null for a fresh start. */
  async load(): Promise<{ initialEpoch: number; history: EpochMetrics[] } | null> {
    this.pending = await readCheckpoint(this.options);
    if (this.pending === null) return null;
    return { initialEpoch: this.pending.state.epoch, history: this.pending.state.history };
  }

  /** Runs after the other callbacks' onTrainBegin, so restored state is what they keep. */
  onTrainBegin(ctx: LoopContext): void {
    const loaded = this.pending;
    this.pending = null;
    if (loaded === null) return;
    const { state } = loaded;
    const group = (name: string) => loaded.tensors.filter((t) => t.group === name);
    const toTensors = (items: NamedValues[]) => items.map((item) => tf.tensor(item.values, item.shape, 'float32'));
    const weights = toTensors(group('model'));
    ctx.model.setWeights(weights);
    tf.dispose(weights);
    const { fromIndex } = slotNameMaps(ctx.model);
    const optimizerState: OptimizerState = {
      name: state.optimizer.name,
      step: state.optimizer.step,
      slots: group('optimizer').map((slot) => ({ name: fromIndex(slot.name), shape: slot.shape, values: Array.from(slot.values) })),
    };
    ctx.optimizer.setState(optimizerState);
    ctx.optimizer.learningRate = state.optimizer.learningRate;
    if (state.optimizer.momentum !== null && ctx.optimizer.momentum !== null) ctx.optimizer.momentum = state.optimizer.momentum;
    for (const callback of this.options.callbacks) {
      if (callback.name in state.callbacks) callback.restore?.(state.callbacks[callback.name]);
      const saved = group(`callback:${callback.name}`);
      if (saved.length > 0) callback.restoreTensors?.(toTensors(saved));
    }
    if (state.stopReason !== null) ctx.stop(state.stopReason as StopReason, 'decided before the trainer restarted');
  }

  async onEpochEnd(metrics: EpochMetrics, ctx: LoopContext): Promise<void> {
    if (ctx.stopReason === 'cancelled' || ctx.stopReason === 'diverged') return;
    await this.options.beforeWrite?.();
    const { toIndex } = slotNameMaps(ctx.model);
    const optimizer = await ctx.optimizer.getState();
    const tensors: NamedValues[] = [
      ...(await tensorValues('model', ctx.model.getWeights().map((tensor, i) => ({ name: String(i), tensor })))),
      ...optimizer.slots.map((slot) => ({ group: 'optimizer', name: toIndex(slot.name), shape: slot.shape, values: slot.values })),
    ];
    const callbacks: Record<string, unknown> = {};
    for (const callback of this.options.callbacks) {
      if (callback.state !== undefined) callbacks[callback.name] = callback.state();
      const held = callback.tensors?.() ?? null;
      if (held !== null) tensors.push(...(await tensorValues(`callback:${callback.name}`, held.map((tensor, i) => ({ name: String(i), tensor })))));
    }
    await writeCheckpoint(this.options, {
      state: {
        version: 1,
        epoch: metrics.epoch,
        history: [...ctx.history],
        stopReason: ctx.stopReason,
        runId: this.options.runId ?? null,
        optimizer: { name: optimizer.name, step: optimizer.step, learningRate: ctx.optimizer.learningRate, momentum: ctx.optimizer.momentum },
        callbacks,
        savedAt: new Date().toISOString(),
      },
      tensors,
    });
  }
}
