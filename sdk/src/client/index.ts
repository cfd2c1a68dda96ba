export { Layerlab, DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, type ClientOptions } from './layerlab.js';
export type { RequestOptions } from './http-client.js';
export {
  LayerlabError,
  APIError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  PayloadTooLargeError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  JobFailedError,
  JobCancelledError,
} from './errors.js';
export { Page, PagePromise, type PageBody } from './pagination.js';
export { poll, type PollOptions } from './polling.js';
export type { DatasetUploadParams, UploadSource } from './upload-body.js';
export type {
  TrainingSpecParams,
  LrFinderCreateParams,
  OptimizerParams,
  ScheduleParams,
  MetricNameParam,
  PageParams,
  JobListParams,
  PredictParams,
  SweepCreateParams,
  CompareParams,
  CompareMetricParam,
} from './params.js';
export { Datasets } from './resources/datasets.js';
export { Jobs, type CreateOptions } from './resources/jobs.js';
export type { WaitOptions } from './resources/job-wait.js';
export type { JobEvent, StreamOptions } from './resources/job-stream.js';
export { Models, type ArtifactName } from './resources/models.js';
export { LrFinder, type LrFinderJob } from './resources/lr-finder.js';
export { Sweeps, type SweepWaitOptions } from './resources/sweeps.js';
export { SDK_VERSION } from './version.js';
