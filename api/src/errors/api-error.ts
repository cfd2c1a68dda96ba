import { ERROR_STATUS, type ErrorCode, type ProblemFieldError } from '@layerlab/sdk/spec';

export const ERROR_TITLES: Record<ErrorCode, string> = {
  MALFORMED_REQUEST: 'Malformed request',
  UNAUTHORIZED: 'Missing or invalid API key',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict',
  PAYLOAD_TOO_LARGE: 'Request body too large',
  VALIDATION_FAILED: 'Invalid request',
  DATASET_INVALID: 'Dataset cannot be used',
  RATE_LIMITED: 'Too many requests',
  INTERNAL: 'Internal error',
  UNAVAILABLE: 'Service unavailable',
};

export interface ApiErrorOptions {
  errors?: ProblemFieldError[];
  title?: string;
  headers?: Record<string, string>;
  cause?: unknown;
}

/** For a 409 a retry cannot fix: tells clients (the SDK) not to retry it. */
export const FINAL = { headers: { 'x-should-retry': 'false' } } as const;

/** The one error type routes and services throw; `onError` renders it as problem+json. */
export class ApiError extends Error {
  readonly status: number;
  readonly errors: ProblemFieldError[] | undefined;
  readonly title: string;
  readonly headers: Record<string, string>;

  constructor(readonly code: ErrorCode, readonly detail: string, options: ApiErrorOptions = {}) {
    super(detail, { cause: options.cause });
    this.name = 'ApiError';
    this.status = ERROR_STATUS[code];
    this.errors = options.errors;
    this.title = options.title ?? ERROR_TITLES[code];
    this.headers = options.headers ?? {};
  }

  static notFound(what: string, id: string): ApiError {
    return new ApiError('NOT_FOUND', `${what} ${id} does not exist`);
  }
}
