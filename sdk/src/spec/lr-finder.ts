import { z } from 'zod';
import { checkSpecConsistency } from './spec-rules.js';
import { TrainingSpec, TrainingSpecShape } from './training-spec.js';

export const LrFinderOptions = z
  .object({
    minLr: z.number().positive().default(1e-6),
    maxLr: z.number().positive().max(100).default(10),
    steps: z.number().int().min(10).max(10000).default(100),
    smoothing: z.number().min(0).lt(1).default(0.98).meta({ description: 'EMA factor of the smoothed loss' }),
    divergeFactor: z.number().gt(1).default(4).meta({ description: 'Stop once smoothed loss > factor × best' }),
  })
  .strict();
export type LrFinderOptions = z.infer<typeof LrFinderOptions>;

export const LrFinderCurvePoint = z.object({ lr: z.number(), loss: z.number(), smoothedLoss: z.number() });

export const LrFinderResult = z
  .object({
    curve: z.array(LrFinderCurvePoint),
    divergedAt: z.number().nullable().meta({ description: 'The lr where the smoothed loss diverged, null if it never did' }),
    suggestion: z.object({ lr: z.number(), method: z.enum(['steepest', 'half_divergence']) }),
    halfDivergence: z.number().nullable().meta({ description: "The guide's rule: half the lr that diverges" }),
  })
  .meta({ id: 'LrFinderResult' });
export type LrFinderResult = z.infer<typeof LrFinderResult>;

export { TrainingSpec as LrFinderBaseSpec };

/** `POST /v1/lr-finder`: a TrainingSpec plus the range-test settings, side by side (API.md). */
export const LrFinderRequest = TrainingSpecShape.extend(LrFinderOptions.shape)
  .superRefine((request, ctx) => {
    checkSpecConsistency(request, ctx);
    if (request.minLr >= request.maxLr) ctx.addIssue({ code: 'custom', path: ['maxLr'], message: `must be larger than minLr (${request.minLr})` });
  })
  .meta({ id: 'LrFinderRequest' });
export type LrFinderRequest = z.infer<typeof LrFinderRequest>;

/** Splits a request into the training spec and the range-test settings. */
export function splitLrFinderRequest(request: LrFinderRequest): { spec: TrainingSpec; finder: LrFinderOptions } {
  const { minLr, maxLr, steps, smoothing, divergeFactor, ...spec } = request;
  return { spec, finder: { minLr, maxLr, steps, smoothing, divergeFactor } };
}
