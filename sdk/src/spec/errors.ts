import { z } from 'zod';

/** Every error code the API answers with, and its HTTP status. */
export const ERROR_STATUS = {
  MALFORMED_REQUEST: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION_FAILED: 422,
  DATASET_INVALID: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Codes a finished job can carry in `Job.error`. */
export const JOB_ERROR_CODES = [
  'DATASET_INVALID',
  'VALIDATION_FAILED',
  'TRAINING_DIVERGED',
  'BACKEND_UNAVAILABLE',
  'MAX_ATTEMPTS',
  'INTERNAL',
] as const;

export const ErrorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

export const ProblemFieldError = z
  .object({
    path: z.string().meta({ description: 'Dotted path of the offending field, e.g. `optimizer.learningRate`' }),
    message: z.string(),
  })
  .meta({ id: 'ProblemFieldError' });

/** RFC 9457 problem details, as every 4xx and 5xx body. */
export const Problem = z
  .object({
    type: z.string().meta({ example: '/docs/errors#validation-failed' }),
    title: z.string(),
    status: z.number().int(),
    code: ErrorCodeSchema,
    detail: z.string(),
    errors: z.array(ProblemFieldError).optional(),
    requestId: z.string(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export type Problem = z.infer<typeof Problem>;
export type ProblemFieldError = z.infer<typeof ProblemFieldError>;

/** The anchor of a code on the API's /docs page, e.g. VALIDATION_FAILED → validation-failed. */
export function errorAnchor(code: ErrorCode): string {
  return code.toLowerCase().replaceAll('_', '-');
}
