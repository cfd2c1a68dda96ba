/** A mistake on the command line (exit 2): the message says what to type instead. */
export class UsageError extends Error {
  override name = 'UsageError';
}
