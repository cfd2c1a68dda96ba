/** Bodies a store accepts: bytes, text, or a stream for large objects (datasets, weights). */
export type StoreBody = Uint8Array | string | ReadableStream<Uint8Array>;

export interface StoredObject {
  body: Uint8Array;
  etag: string;
}

export interface ObjectInfo {
  key: string;
  size: number;
  etag: string;
}

/**
 * A conditional write: `ifMatch` succeeds only if the current ETag matches; `ifNoneMatch: '*'`
 * only if the key does not exist. A failed condition throws PreconditionFailedError.
 */
export interface PutOptions {
  ifMatch?: string;
  ifNoneMatch?: '*';
  contentType?: string;
}

export interface ListOptions {
  /** Continue after this key or prefix (exclusive), from a previous page's `cursor`. */
  cursor?: string;
  /** Page size, default 1000. */
  limit?: number;
  /** Group keys by the next occurrence of this string after the prefix (S3's delimiter). */
  delimiter?: string;
}

export interface ListedObject {
  key: string;
  size: number;
}

export interface ListPage {
  objects: ListedObject[];
  /** With a delimiter: the distinct key prefixes up to and including it. */
  prefixes: string[];
  /** Pass as `cursor` to read the next page; null on the last one. */
  cursor: string | null;
}

/**
 * An S3-shaped object store: flat keys, ETags, conditional writes, ordered listing by prefix.
 * Keys always come from `keys.ts`, never from raw user text.
 */
export interface ObjectStore {
  /** Whether ifMatch / ifNoneMatch are enforced (false: honoured as best effort only). */
  readonly conditionalWrites: boolean;
  get(key: string): Promise<StoredObject | null>;
  getStream(key: string): Promise<ReadableStream<Uint8Array> | null>;
  head(key: string): Promise<ObjectInfo | null>;
  put(key: string, body: StoreBody, options?: PutOptions): Promise<{ etag: string }>;
  delete(key: string): Promise<void>;
  list(prefix: string, options?: ListOptions): Promise<ListPage>;
}

/** A conditional write lost: someone else changed (or created) the object first. */
export class PreconditionFailedError extends Error {
  constructor(readonly key: string) {
    super(`precondition failed for ${key}`);
    this.name = 'PreconditionFailedError';
  }
}

/** The store could not be reached or answered with a server error. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
