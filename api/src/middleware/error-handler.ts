import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../app-env.js';
import { DatasetError } from '../data/dataset-error.js';
import { TrainerUnavailableError } from '../dispatch/types.js';
import { ApiError } from '../errors/api-error.js';
import { problemResponse } from '../errors/problem.js';
import { StoreUnavailableError } from '../store/types.js';
import { newRequestId } from '../ids.js';

function fromHttpException(error: HTTPException): ApiError {
  if (error.status === 413) return new ApiError('PAYLOAD_TOO_LARGE', error.message || 'the request body is too large');
  if (error.status === 415) {
    return new ApiError('MALFORMED_REQUEST', 'wrong Content-Type: this route takes application/json');
  }
  if (error.status === 401) return new ApiError('UNAUTHORIZED', error.message || 'unauthorized');
  if (error.status === 404) return new ApiError('NOT_FOUND', error.message || 'not found');
  if (error.status < 500) {
    const detail = /malformed json/i.test(error.message) ? 'the body is not valid JSON' : error.message || 'bad request';
    return new ApiError('MALFORMED_REQUEST', detail);
  }
  return new ApiError('INTERNAL', 'an internal error occurred');
}

/** Every failure leaves as problem+json; unknown throws become a logged 500 with no internals. */
export function errorHandler(log: (entry: Record<string, unknown>) => void): ErrorHandler<AppEnv> {
  return function onError(error, c) {
    const requestId = c.get('requestId') ?? newRequestId();
    let apiError: ApiError;
    if (error instanceof ApiError) apiError = error;
    else if (error instanceof HTTPException) apiError = fromHttpException(error);
    else if (error instanceof DatasetError) {
      apiError = new ApiError('DATASET_INVALID', error.message, error.path === undefined ? {} : { errors: [{ path: error.path, message: error.message }] });
    } else if (error instanceof StoreUnavailableError) {
      apiError = new ApiError('UNAVAILABLE', 'storage is unreachable; retry shortly', { headers: { 'retry-after': '5' } });
    } else if (error instanceof TrainerUnavailableError) {
      apiError = new ApiError('UNAVAILABLE', 'no trainer is available; retry shortly', { headers: { 'retry-after': '5' } });
    } else {
      apiError = new ApiError('INTERNAL', `an internal error occurred; quote request id ${requestId}`);
    }
    if (apiError.status >= 500) {
      log({ level: 'error', requestId, method: c.req.method, path: c.req.path, error: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
    return problemResponse(apiError, requestId);
  };
}
