export { ApiError, ERROR_TITLES, type ApiErrorOptions } from './api-error.js';
export { fieldErrors, validationError, problemBody, problemResponse } from './problem.js';
