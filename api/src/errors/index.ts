export { ApiError, ERROR_TITLES, FINAL, type ApiErrorOptions } from './api-error.js';
export { fieldErrors, validationError, problemBody, problemResponse } from './problem.js';
