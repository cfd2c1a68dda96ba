import { z } from 'zod';

const LearningRate = z
  .union([z.number().positive().max(100), z.literal('auto')])
  .meta({ description: 'A positive number, or "auto" to run the LR range test first and train with its suggestion' });
const Beta = z.number().min(0).lt(1);
const Epsilon = z.number().positive().max(1).default(1e-7);

export const SgdOptimizer = z
  .object({
    name: z.literal('sgd'),
    learningRate: LearningRate.default(0.01),
    momentum: z.number().min(0).lt(1).default(0.9).meta({ description: 'The guide: 0.9 to start, closer to 1 for big data' }),
    nesterov: z.boolean().default(true),
  })
  .strict();

export const AdamOptimizer = z
  .object({
    name: z.literal('adam'),
    learningRate: LearningRate.default(0.001),
    beta1: Beta.default(0.9),
    beta2: Beta.default(0.999),
    epsilon: Epsilon,
  })
  .strict();

export const NadamOptimizer = z
  .object({
    name: z.literal('nadam'),
    learningRate: LearningRate.default(0.001),
    beta1: Beta.default(0.9),
    beta2: Beta.default(0.999),
    epsilon: Epsilon,
    momentumDecay: z.number().min(0).max(1).default(0.004).meta({ description: "Dozat's momentum schedule (Keras 0.004)" }),
  })
  .strict();

export const RmspropOptimizer = z
  .object({
    name: z.literal('rmsprop'),
    learningRate: LearningRate.default(0.001),
    rho: Beta.default(0.9),
    momentum: z.number().min(0).lt(1).default(0),
    epsilon: Epsilon,
    centered: z.boolean().default(false),
  })
  .strict();

export const AdamaxOptimizer = z
  .object({
    name: z.literal('adamax'),
    learningRate: LearningRate.default(0.001),
    beta1: Beta.default(0.9),
    beta2: Beta.default(0.999),
    epsilon: Epsilon,
  })
  .strict();

export const AdagradOptimizer = z
  .object({
    name: z.literal('adagrad'),
    learningRate: LearningRate.default(0.01),
    initialAccumulator: z.number().min(0).default(0.1),
    epsilon: Epsilon,
  })
  .strict();

export const OptimizerSpec = z.preprocess(
  // `{ "learningRate": 0.01 }` alone means adam, the default optimizer.
  (value) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) && !('name' in value)
      ? { ...value, name: 'adam' }
      : value,
  z.discriminatedUnion('name', [
    SgdOptimizer,
    AdamOptimizer,
    NadamOptimizer,
    RmspropOptimizer,
    AdamaxOptimizer,
    AdagradOptimizer,
  ]),
);
export type OptimizerSpec = z.infer<typeof OptimizerSpec>;
export type OptimizerName = OptimizerSpec['name'];
