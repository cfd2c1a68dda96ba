import type { ScheduleSpec } from '@layerlab/sdk/spec';
import type { Callback } from '../callbacks.js';
import { BatchScheduleCallback, EpochScheduleCallback } from './epoch-schedule.js';
import { cosineLr, exponentialLr, oneCycleAt, stepLr } from './formulas.js';
import { PlateauCallback } from './plateau.js';

/** A schedule type the trainer has no implementation for. */
export class UnknownScheduleError extends Error {
  override name = 'UnknownScheduleError';
}

export interface ScheduleContext {
  /** The resolved starting learning rate (a number, or the LR finder's suggestion). */
  baseLr: number;
  /** Whether the optimizer has a momentum (or beta1) that 1cycle may cycle. */
  hasMomentum: boolean;
}

type Factories = { [T in ScheduleSpec['type']]: (spec: Extract<ScheduleSpec, { type: T }>, ctx: ScheduleContext) => Callback | null };

const FACTORIES: Factories = {
  constant: () => null,
  exponential: (spec, { baseLr }) =>
    new EpochScheduleCallback('exponential', (epoch) =>
      exponentialLr({ baseLr, epoch, decayRate: spec.decayRate, decayEpochs: spec.decayEpochs, staircase: spec.staircase }),
    ),
  step: (spec, { baseLr }) => new EpochScheduleCallback('step', (epoch) => stepLr({ baseLr, epoch, factor: spec.factor, every: spec.every })),
  plateau: (spec) => new PlateauCallback(spec),
  one_cycle: (spec, { baseLr, hasMomentum }) =>
    new BatchScheduleCallback(
      'one_cycle',
      (step, { totalSteps }) =>
        oneCycleAt(step, {
          maxLr: spec.maxLr ?? baseLr,
          totalSteps,
          pctStart: spec.pctStart,
          divFactor: spec.divFactor,
          finalDivFactor: spec.finalDivFactor,
          baseMomentum: spec.baseMomentum,
          maxMomentum: spec.maxMomentum,
        }),
      hasMomentum,
    ),
  cosine: (spec, { baseLr }) =>
    new BatchScheduleCallback('cosine', (step, { totalSteps, stepsPerEpoch }) => ({
      lr: cosineLr(step, { baseLr, minLr: spec.minLr, warmupSteps: spec.warmupEpochs * stepsPerEpoch, totalSteps }),
    })),
};

/** The callback that drives a spec's schedule; null for `constant`. */
export function scheduleCallback(spec: ScheduleSpec, ctx: ScheduleContext): Callback | null {
  const factory = FACTORIES[spec.type] as ((spec: ScheduleSpec, ctx: ScheduleContext) => Callback | null) | undefined;
  if (factory === undefined) throw new UnknownScheduleError(`schedule "${String(spec.type)}" is not implemented`);
  return factory(spec, ctx);
}
