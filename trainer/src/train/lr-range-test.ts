import * as tf from '@tensorflow/tfjs';
import type { LrFinderOptions, LrFinderResult } from '@layerlab/sdk/spec';
import type { BatchEnd, Callback, LoopContext } from './callbacks.js';
import { fit, type FitOptions } from './fit-loop.js';

type CurvePoint = LrFinderResult['curve'][number];

/** The lr of step i of `steps`: exponential from minLr (step 0) to maxLr (last step). */
export function rangeLr(step: number, options: Pick<LrFinderOptions, 'minLr' | 'maxLr' | 'steps'>): number {
  return options.minLr * (options.maxLr / options.minLr) ** (step / Math.max(1, options.steps - 1));
}

/**
 * Leslie Smith's range test as a callback: before batch i the lr is rangeLr(i); after it the
 * loss enters a bias-corrected exponential average; the test stops after `steps` batches or
 * once the smoothed loss exceeds divergeFactor × its best (or the loss is not finite).
 */
export class LrRangeTestCallback implements Callback {
  readonly name = 'lr-range-test';
  readonly curve: CurvePoint[] = [];
  divergedAt: number | null = null;
  private average = 0;
  private best = Number.POSITIVE_INFINITY;

  constructor(private readonly options: LrFinderOptions) {}

  onBatchBegin(step: number, ctx: LoopContext): void {
    ctx.optimizer.learningRate = rangeLr(step, this.options);
  }

  onBatchEnd(step: number, batch: BatchEnd, ctx: LoopContext): void {
    const lr = rangeLr(step, this.options);
    const loss = batch.loss();
    if (!Number.isFinite(loss)) {
      this.divergedAt = lr;
      ctx.stop('range_test_done', `the loss became ${loss} at lr ${lr}`);
      return;
    }
    const beta = this.options.smoothing;
    this.average = beta * this.average + (1 - beta) * loss;
    const smoothedLoss = this.average / (1 - beta ** (step + 1));
    this.curve.push({ lr, loss, smoothedLoss });
    if (smoothedLoss < this.best) this.best = smoothedLoss;
    if (step > 0 && smoothedLoss > this.options.divergeFactor * this.best) {
      this.divergedAt = lr;
      ctx.stop('range_test_done', `the smoothed loss passed ${this.options.divergeFactor}× its best at lr ${lr}`);
    } else if (step + 1 >= this.options.steps) {
      ctx.stop('range_test_done', `${this.options.steps} steps done`);
    }
  }
}

/** The first points of a range test are the noise of a bias-corrected average of a few batches. */
const SKIP_START = 0.1;
/** Slopes are taken across ±5% of the curve, so one noisy batch cannot make the steepest point. */
const SLOPE_WINDOW = 0.05;

/**
 * The result of a range test's curve: the steepest descent of the smoothed loss against log(lr)
 * before its minimum — skipping the first 10% of points and measuring each slope across ±5% of the
 * curve (fastai's lr_find does the same, for the same noise) — and the guide's rule, half the lr
 * that diverged. With no descent the suggestion falls back to half the divergence lr.
 */
export function analyseRange(curve: CurvePoint[], divergedAt: number | null): LrFinderResult {
  const halfDivergence = divergedAt === null ? null : divergedAt / 2;
  let minimum = 0;
  curve.forEach((point, i) => {
    if (point.smoothedLoss < (curve[minimum]?.smoothedLoss ?? Number.POSITIVE_INFINITY)) minimum = i;
  });
  const first = Math.max(1, Math.floor(curve.length * SKIP_START));
  const window = Math.max(1, Math.round(curve.length * SLOPE_WINDOW));
  let steepest = -1;
  let steepestSlope = 0;
  for (let i = first; i <= minimum && minimum >= 2; i += 1) {
    const before = curve[Math.max(first - 1, i - window)] as CurvePoint;
    const after = curve[Math.min(minimum, i + window)] as CurvePoint;
    const run = Math.log10(after.lr) - Math.log10(before.lr);
    const slope = run === 0 ? 0 : (after.smoothedLoss - before.smoothedLoss) / run;
    if (slope < steepestSlope) {
      steepestSlope = slope;
      steepest = i;
    }
  }
  const point = curve[steepest];
  if (point !== undefined) return { curve, divergedAt, suggestion: { lr: point.lr, method: 'steepest' }, halfDivergence };
  if (halfDivergence !== null) return { curve, divergedAt, suggestion: { lr: halfDivergence, method: 'half_divergence' }, halfDivergence };
  return { curve, divergedAt, suggestion: { lr: curve[minimum]?.lr ?? 1e-3, method: 'steepest' }, halfDivergence };
}

/**
 * Runs the range test through the ordinary training loop (the same optimizer, clipping and
 * regularization as training) and puts the model's weights back as they were.
 */
export async function runRangeTest(options: {
  fit: Omit<FitOptions, 'epochs' | 'callbacks' | 'validation' | 'initialEpoch' | 'history'>;
  finder: LrFinderOptions;
  /** More callbacks (cancellation); default none. */
  callbacks?: Callback[];
}): Promise<{ result: LrFinderResult; cancelled: boolean }> {
  const { model } = options.fit;
  const saved = model.getWeights().map((weight) => tf.clone(weight));
  const test = new LrRangeTestCallback(options.finder);
  try {
    const stepsPerEpoch = Math.ceil(options.fit.train.count / options.fit.batchSize);
    const outcome = await fit({
      ...options.fit,
      validation: null,
      epochs: Math.ceil(options.finder.steps / stepsPerEpoch),
      callbacks: [test, ...(options.callbacks ?? [])],
    });
    return { result: analyseRange(test.curve, test.divergedAt), cancelled: outcome.stopReason === 'cancelled' };
  } finally {
    model.setWeights(saved);
    tf.dispose(saved);
  }
}
