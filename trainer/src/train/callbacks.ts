import type * as tf from '@tensorflow/tfjs';
import type { EpochMetrics } from '@layerlab/sdk/spec';
import type { TrainOptimizer } from './optimizers/types.js';

/** Why training ended before its last epoch. `range_test_done`: the LR range test has its curve. */
export type StopReason = 'early_stopping' | 'cancelled' | 'diverged' | 'pruned' | 'range_test_done';

/** Reasons that end the loop at once, mid-epoch, without that epoch's metrics. */
export const STOP_AT_ONCE: ReadonlySet<StopReason> = new Set(['cancelled', 'range_test_done']);

/** What a callback learns after each batch; reading the loss waits for the device, so only read when needed. */
export interface BatchEnd {
  /** The batch's training loss (data loss + regularization), read back synchronously. */
  loss(): number;
}

/** What callbacks see and may act on; one per fit. */
export interface LoopContext {
  readonly model: tf.LayersModel;
  readonly optimizer: TrainOptimizer;
  readonly epochs: number;
  readonly stepsPerEpoch: number;
  /** Every finished epoch so far (including those restored from a checkpoint). */
  readonly history: EpochMetrics[];
  /** Asks the loop to stop after the current epoch (or batch, for STOP_AT_ONCE reasons). */
  stop(reason: StopReason, detail?: string): void;
  readonly stopReason: StopReason | null;
}

/**
 * Training hooks, called in list order. Batch hooks are synchronous (they run thousands of times
 * an epoch); epoch hooks may await I/O. `state`/`restore` let checkpoints carry a callback's
 * memory across a trainer restart.
 */
export interface Callback {
  readonly name: string;
  onTrainBegin?(ctx: LoopContext): Promise<void> | void;
  onEpochBegin?(epoch: number, ctx: LoopContext): Promise<void> | void;
  /** `step` counts batches from the start of training (0-based). */
  onBatchBegin?(step: number, ctx: LoopContext): void;
  /** After the optimizer step of batch `step`; defining it costs a read-back per batch. */
  onBatchEnd?(step: number, batch: BatchEnd, ctx: LoopContext): void;
  onEpochEnd?(metrics: EpochMetrics, ctx: LoopContext): Promise<void> | void;
  onTrainEnd?(ctx: LoopContext): Promise<void> | void;
  state?(): unknown;
  restore?(state: unknown): void;
  /** Tensors a checkpoint must carry besides state() (early stopping's best weights, SWA's average). */
  tensors?(): tf.Tensor[] | null;
  /** Takes ownership of tensors saved from `tensors()` when a run resumes. */
  restoreTensors?(tensors: tf.Tensor[]): void;
}
