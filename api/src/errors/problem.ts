import { errorAnchor, type Problem, type ProblemFieldError } from '@layerlab/sdk/spec';
import type { z } from 'zod';
import { ApiError } from './api-error.js';

/** zod issues → `{ path, message }` pairs with dotted paths (`optimizer.learningRate`). */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], prefix: string[] = []): ProblemFieldError[] {
  return issues.map((issue) => {
    const path = [...prefix, ...issue.path.map(String)].join('.');
    return { path, message: issue.message };
  });
}

/** A 422 naming every offending field. */
export function validationError(what: string, issues: readonly z.core.$ZodIssue[], prefix: string[] = []): ApiError {
  const errors = fieldErrors(issues, prefix);
  const detail = `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} in ${what}: ${errors
    .slice(0, 3)
    .map((error) => (error.path === '' ? error.message : `${error.path} ${error.message}`))
    .join('; ')}`;
  return new ApiError('VALIDATION_FAILED', detail, { errors, title: `Invalid ${what}` });
}

/** The problem+json body of an error. */
export function problemBody(error: ApiError, requestId: string): Problem {
  const body: Problem = {
    type: `/docs/errors#${errorAnchor(error.code)}`,
    title: error.title,
    status: error.status,
    code: error.code,
    detail: error.detail,
    requestId,
  };
  if (error.errors !== undefined) body.errors = error.errors;
  return body;
}

export function problemResponse(error: ApiError, requestId: string): Response {
  const headers = new Headers(error.headers);
  headers.set('content-type', 'application/problem+json');
  headers.set('x-request-id', requestId);
  return new Response(JSON.stringify(problemBody(error, requestId)), { status: error.status, headers });
}
