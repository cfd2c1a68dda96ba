/** Exit codes of `layerlab`, documented in `layerlab --help` and sdk/README.md. */
export const EXIT = {
  ok: 0,
  /** The API answered with an error (4xx/5xx), or something else went wrong. */
  error: 1,
  /** Bad arguments, or a file that cannot be read or parsed. */
  usage: 2,
  /** The job (or sweep) ended `failed`. */
  jobFailed: 3,
  /** The job (or sweep) ended `cancelled`. */
  jobCancelled: 4,
  /** No answer from the API: not running, wrong URL, timeout. */
  unreachable: 5,
  /** Ctrl-C. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
