import { z } from 'zod';
import { MetricNameSchema } from './metric-names.js';

/**
 * Why a sweep trial ended before its last epoch: the ASHA rule judged it at a rung (after
 * `epoch` = minEpochs·eta^rung epochs) and it ranked `rank` of `of` trials that reached that rung.
 */
export const StoppedBy = z
  .object({
    rule: z.literal('asha'),
    rung: z.number().int().min(0).meta({ description: 'The rung index k (0 = the first rung)' }),
    epoch: z.number().int().min(1).meta({ description: 'Epochs finished at that rung: minEpochs·eta^k' }),
    rank: z.number().int().min(1).meta({ description: '1 = best among the trials that reached the rung' }),
    of: z.number().int().min(1).meta({ description: 'How many trials had reached the rung when it was judged' }),
    metric: MetricNameSchema,
    value: z.number().meta({ description: "The trial's best metric up to the rung" }),
  })
  .meta({ id: 'StoppedBy' });
export type StoppedBy = z.infer<typeof StoppedBy>;
