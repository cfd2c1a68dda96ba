/**
 * The learning-rate schedules as pure functions of the step or epoch, so the callbacks stay thin
 * and tests can compare them with the formulas. Epochs are 1-based, steps (batches) 0-based.
 */

/** exponential: lr0 · decayRate^((epoch − 1) / decayEpochs), the exponent floored when `staircase`. */
export function exponentialLr(options: { baseLr: number; epoch: number; decayRate: number; decayEpochs: number; staircase: boolean }): number {
  const exponent = (options.epoch - 1) / options.decayEpochs;
  return options.baseLr * options.decayRate ** (options.staircase ? Math.floor(exponent) : exponent);
}

/** step: lr0 · factor^floor((epoch − 1) / every). */
export function stepLr(options: { baseLr: number; epoch: number; factor: number; every: number }): number {
  return options.baseLr * options.factor ** Math.floor((options.epoch - 1) / options.every);
}

/** Cosine interpolation from `start` (pct 0) to `end` (pct 1). */
function anneal(start: number, end: number, pct: number): number {
  return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
}

export interface OneCycleOptions {
  maxLr: number;
  totalSteps: number;
  pctStart: number;
  divFactor: number;
  finalDivFactor: number;
  baseMomentum: number;
  maxMomentum: number;
}

/**
 * 1cycle (Smith; PyTorch's OneCycleLR with cosine annealing): over the first pctStart of the
 * steps lr rises from maxLr/divFactor to maxLr while momentum falls from maxMomentum to
 * baseMomentum; then lr anneals to maxLr/(divFactor·finalDivFactor) and momentum climbs back.
 */
export function oneCycleAt(step: number, options: OneCycleOptions): { lr: number; momentum: number } {
  const initial = options.maxLr / options.divFactor;
  const final = initial / options.finalDivFactor;
  const upEnd = options.pctStart * options.totalSteps - 1;
  const downEnd = options.totalSteps - 1;
  if (step <= upEnd) {
    const pct = upEnd <= 0 ? 1 : step / upEnd;
    return { lr: anneal(initial, options.maxLr, pct), momentum: anneal(options.maxMomentum, options.baseMomentum, pct) };
  }
  const pct = Math.min(1, (step - upEnd) / Math.max(1e-12, downEnd - upEnd));
  return { lr: anneal(options.maxLr, final, pct), momentum: anneal(options.baseMomentum, options.maxMomentum, pct) };
}

/**
 * cosine with warm-up, per batch: lr0·(step + 1)/W over the W warm-up steps, then
 * minLr + (lr0 − minLr)·(1 + cos(π·p))/2 with p going from 0 to 1 at the last step.
 */
export function cosineLr(step: number, options: { baseLr: number; minLr: number; warmupSteps: number; totalSteps: number }): number {
  const { baseLr, minLr, warmupSteps, totalSteps } = options;
  if (step < warmupSteps) return (baseLr * (step + 1)) / warmupSteps;
  const p = Math.min(1, (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps - 1));
  return minLr + ((baseLr - minLr) * (1 + Math.cos(Math.PI * p))) / 2;
}
