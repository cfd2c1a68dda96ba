/** The job was cancelled by its owner. */
export class CancelledError extends Error {
  override name = 'CancelledError';
}

/** Another trainer run took the job over (this one was presumed dead); stop writing. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

/** Training produced non-finite losses: the learning rate is too high or the data is extreme. */
export class DivergedError extends Error {
  override name = 'DivergedError';
}
