import { z } from 'zod';
import { MetricNameSchema } from './metric-names.js';

const Factor = z.number().positive().lt(1);

export const ConstantSchedule = z.object({ type: z.literal('constant') }).strict();

export const ExponentialSchedule = z
  .object({
    type: z.literal('exponential'),
    decayRate: Factor.default(0.96),
    decayEpochs: z.number().positive().default(1),
    staircase: z.boolean().default(false),
  })
  .strict()
  .meta({ description: 'Per epoch (1-based): lr = lr0 · decayRate^((epoch − 1) / decayEpochs), the exponent floored when staircase' });

export const StepSchedule = z
  .object({
    type: z.literal('step'),
    factor: Factor.default(0.5),
    every: z.number().int().min(1).default(10),
  })
  .strict()
  .meta({ description: 'Per epoch (1-based): lr = lr0 · factor^floor((epoch − 1) / every)' });

export const PlateauSchedule = z
  .object({
    type: z.literal('plateau'),
    monitor: MetricNameSchema.default('valLoss'),
    factor: Factor.default(0.1),
    patience: z.number().int().min(0).default(5),
    minDelta: z.number().min(0).default(1e-4),
    cooldown: z.number().int().min(0).default(0),
    minLr: z.number().min(0).default(0),
  })
  .strict()
  .meta({ description: 'ReduceLROnPlateau: lr ·= factor after `patience` epochs without improvement' });

export const OneCycleSchedule = z
  .object({
    type: z.literal('one_cycle'),
    maxLr: z.number().positive().max(100).optional().meta({ description: 'default: optimizer.learningRate' }),
    pctStart: z.number().gt(0).lt(1).default(0.3),
    divFactor: z.number().gt(1).default(25),
    finalDivFactor: z.number().gt(1).default(1e4),
    baseMomentum: z.number().min(0).lt(1).default(0.85),
    maxMomentum: z.number().min(0).lt(1).default(0.95),
  })
  .strict()
  .meta({ description: '1cycle (per batch): cosine warm-up from maxLr/divFactor to maxLr over pctStart, then anneal to maxLr/(divFactor·finalDivFactor); momentum (or beta1) cycles inversely' });

export const CosineSchedule = z
  .object({
    type: z.literal('cosine'),
    minLr: z.number().min(0).default(0),
    warmupEpochs: z.number().int().min(0).default(0),
  })
  .strict()
  .meta({ description: 'Per batch (step s of T, 0-based): lr0·(s + 1)/W over the W = warmupEpochs × batches warm-up steps, then minLr + (lr0 − minLr)·(1 + cos(π·p))/2 with p = (s − W)/(T − W − 1)' });

export const ScheduleSpec = z.discriminatedUnion('type', [
  ConstantSchedule,
  ExponentialSchedule,
  StepSchedule,
  PlateauSchedule,
  OneCycleSchedule,
  CosineSchedule,
]);
export type ScheduleSpec = z.infer<typeof ScheduleSpec>;
