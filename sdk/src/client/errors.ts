import { Problem, type ErrorCode, type Job, type JobError, type ProblemFieldError } from '../spec/index.js';

/** The root of every error the SDK throws, so `catch (e) { if (e instanceof LayerlabError) ... }` covers all. */
export class LayerlabError extends Error {
  override name = 'LayerlabError';
}

/** What the SDK knows about a failed HTTP response. */
export interface APIErrorInit {
  status: number;
  /** The RFC 9457 body, when the server sent one (every Layerlab error does). */
  problem: Problem | null;
  headers: Headers;
  /** The raw body text when it was not problem+json (e.g. a proxy's HTML page). */
  bodyText?: string;
}

function messageOf(init: APIErrorInit): string {
  const { problem, status } = init;
  const requestId = problem?.requestId ?? init.headers.get('x-request-id');
  const where = requestId === null ? '' : ` (request ${requestId})`;
  if (problem !== null) return `${status} ${problem.code}: ${problem.detail}${where}`;
  const text = (init.bodyText ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
  return `${status} ${text === '' ? 'status code (no body)' : text}${where}`;
}

/** The API answered with a 4xx or 5xx. `APIError.generate` picks the subclass for the status. */
export class APIError extends LayerlabError {
  override name = 'APIError';
  readonly status: number;
  /** The problem's `code` (e.g. `VALIDATION_FAILED`), null when the body was not problem+json. */
  readonly code: ErrorCode | null;
  /** The whole RFC 9457 problem details body. */
  readonly problem: Problem | null;
  /** Field-level problems of a 422 (`{ path: "optimizer.learningRate", message }`). */
  readonly errors: ProblemFieldError[];
  /** Quote it when reporting a problem: the API logs every 5xx under it. */
  readonly requestId: string | null;
  readonly headers: Headers;

  constructor(init: APIErrorInit) {
    super(messageOf(init));
    this.status = init.status;
    this.problem = init.problem;
    this.code = init.problem?.code ?? null;
    this.errors = init.problem?.errors ?? [];
    this.requestId = init.problem?.requestId ?? init.headers.get('x-request-id');
    this.headers = init.headers;
  }

  /** The error for a response: a subclass per status, parsed problem details when present. */
  static generate(init: { status: number; headers: Headers; bodyText: string }): APIError {
    let problem: Problem | null = null;
    try {
      const parsed = Problem.safeParse(JSON.parse(init.bodyText));
      if (parsed.success) problem = parsed.data;
    } catch {
      // not JSON: keep the text for the message
    }
    const full: APIErrorInit = { status: init.status, headers: init.headers, problem, bodyText: init.bodyText };
    const ErrorClass = STATUS_CLASSES[init.status] ?? (init.status >= 500 ? InternalServerError : APIError);
    return new ErrorClass(full);
  }
}

export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}
export class ConflictError extends APIError {
  override name = 'ConflictError';
}
export class PayloadTooLargeError extends APIError {
  override name = 'PayloadTooLargeError';
}
export class UnprocessableEntityError extends APIError {
  override name = 'UnprocessableEntityError';
}
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
}
/** Every 5xx (500 INTERNAL, 503 UNAVAILABLE, a proxy's 502...). */
export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}

const STATUS_CLASSES: Partial<Record<number, new (init: APIErrorInit) => APIError>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** No HTTP response at all: DNS, refused connection, reset... (after the retries ran out). */
export class APIConnectionError extends LayerlabError {
  override name = 'APIConnectionError';
  constructor(message = 'Connection error', options: { cause?: unknown } = {}) {
    super(message, options);
  }
}

/** The request took longer than `timeout` (after the retries ran out). */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = 'APIConnectionTimeoutError';
  constructor(message = 'Request timed out', options: { cause?: unknown } = {}) {
    super(message, options);
  }
}

/** The caller's AbortSignal fired; never retried. */
export class APIUserAbortError extends LayerlabError {
  override name = 'APIUserAbortError';
  constructor(message = 'Request was aborted', options: { cause?: unknown } = {}) {
    super(message, options);
  }
}

/** `jobs.wait` on a job that ended `failed`; `job.error` says why. */
export class JobFailedError extends LayerlabError {
  override name = 'JobFailedError';
  readonly job: Job;
  /** The job's error code, e.g. `DATASET_INVALID` or `TRAINING_DIVERGED`. */
  readonly code: JobError['code'] | null;

  constructor(job: Job) {
    super(`job ${job.id} failed${job.error === null ? '' : `: ${job.error.code}: ${job.error.message}`}`);
    this.job = job;
    this.code = job.error?.code ?? null;
  }
}

/** `jobs.wait` on a job that ended `cancelled`. */
export class JobCancelledError extends LayerlabError {
  override name = 'JobCancelledError';
  readonly job: Job;

  constructor(job: Job) {
    super(`job ${job.id} was cancelled`);
    this.job = job;
  }
}
