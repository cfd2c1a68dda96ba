/** The data cannot be used as given; the message says what to fix (API code DATASET_INVALID). */
export class DatasetError extends Error {
  constructor(message: string, readonly path?: string) {
    super(message);
    this.name = 'DatasetError';
  }
}
