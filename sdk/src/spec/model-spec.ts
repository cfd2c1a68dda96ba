import { z } from 'zod';

/** Hidden-layer activations, from the guide's list (logistic → SELU, GELU, PReLU, RReLU...). */
export const Activation = z.enum([
  'sigmoid',
  'tanh',
  'relu',
  'leaky_relu',
  'elu',
  'selu',
  'gelu',
  'prelu',
  'rrelu',
  'softplus',
  'swish',
  'mish',
]);
export type Activation = z.infer<typeof Activation>;

export const Initializer = z.enum([
  'auto',
  'he_normal',
  'he_uniform',
  'lecun_normal',
  'lecun_uniform',
  'glorot_normal',
  'glorot_uniform',
]);
export type Initializer = z.infer<typeof Initializer>;

export const OutputActivation = z.enum(['auto', 'linear', 'sigmoid', 'softmax', 'tanh', 'softplus']);
export type OutputActivation = z.infer<typeof OutputActivation>;

const Rate = z.number().min(0).lt(1);

export const ActivationOptions = z
  .object({
    alpha: z.number().positive().optional().meta({
      description: 'leaky_relu negative slope (default 0.01) or elu alpha (default 1)',
    }),
    lower: z.number().min(0).lt(1).default(0.125).meta({ description: 'rrelu: lowest random slope' }),
    upper: z.number().min(0).lt(1).default(1 / 3).meta({ description: 'rrelu: highest random slope' }),
  })
  .strict();

export const HiddenLayer = z
  .object({
    units: z.number().int().min(1).max(8192),
    activation: Activation.optional().meta({ description: 'default: model.activation' }),
    dropout: Rate.optional().meta({ description: 'default: model.dropout.rate' }),
    batchNorm: z.boolean().optional().meta({ description: 'default: model.batchNorm' }),
  })
  .strict()
  .meta({ id: 'HiddenLayer' });
export type HiddenLayer = z.infer<typeof HiddenLayer>;

export const HiddenSizing = z
  .object({
    layers: z.number().int().min(0).max(32).default(2).meta({ description: 'The guide: 1–5 serve most problems' }),
    units: z.number().int().min(1).max(8192).default(64),
    shape: z.enum(['constant', 'funnel']).default('constant').meta({
      description: 'constant: every layer `units` wide; funnel: first layer `units`, then halving (min 1)',
    }),
  })
  .strict();

export const Hidden = z
  .union([HiddenSizing, z.array(z.union([z.number().int().min(1).max(8192), HiddenLayer])).max(32)])
  .meta({ description: 'Count × units, or an explicit list such as [256, 128] or [{ "units": 256, "activation": "selu" }]' });
export type Hidden = z.infer<typeof Hidden>;

export const ConvBlock = z
  .object({
    filters: z.number().int().min(1).max(1024),
    kernel: z.number().int().min(1).max(15).default(3),
    pool: z.number().int().min(1).max(8).default(2).meta({ description: 'Max-pool size after the conv; 1 = none' }),
  })
  .strict();
export type ConvBlock = z.infer<typeof ConvBlock>;

export const Dropout = z
  .object({
    rate: z.union([Rate, z.literal('auto')]).default('auto').meta({
      description: 'auto: 0 for mlp, 0.5 for cnn (the guide: 0.1–0.5, 0.5 for CNNs)',
    }),
    kind: z.enum(['auto', 'standard', 'alpha']).default('auto').meta({
      description: 'auto: AlphaDropout with selu, standard otherwise',
    }),
  })
  .strict();

export const ModelSpec = z
  .object({
    type: z.enum(['mlp', 'cnn']).default('mlp'),
    inputShape: z.array(z.number().int().min(1).max(4096)).length(3).optional().meta({
      description: 'cnn only: [height, width, channels]; the feature columns are reshaped to it',
    }),
    hidden: Hidden.default({ layers: 2, units: 64, shape: 'constant' }),
    conv: z.array(ConvBlock).min(1).max(8).optional().meta({
      description: 'cnn only; default [{filters: 32}, {filters: 64}] with kernel 3 and pool 2',
    }),
    activation: Activation.default('relu'),
    activationOptions: ActivationOptions.default({ lower: 0.125, upper: 1 / 3 }),
    initializer: Initializer.default('auto').meta({
      description: 'auto: He for the relu family, LeCun for selu/elu, Glorot for sigmoid/tanh (the guide)',
    }),
    batchNorm: z.boolean().default(false),
    dropout: Dropout.default({ rate: 'auto', kind: 'auto' }),
    output: z.object({ activation: OutputActivation.default('auto') }).strict().default({ activation: 'auto' }),
    weightDecay: z.number().min(0).max(1).default(0).meta({ description: 'L2 penalty on kernels' }),
  })
  .strict();
export type ModelSpec = z.infer<typeof ModelSpec>;
