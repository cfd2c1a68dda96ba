import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { putStream } from './s3-multipart.js';
import {
  PreconditionFailedError,
  StoreUnavailableError,
  type ListOptions,
  type ListPage,
  type ObjectInfo,
  type ObjectStore,
  type PutOptions,
  type StoreBody,
  type StoredObject,
} from './types.js';

export interface S3StoreOptions {
  bucket: string;
  /** Prepended to every key (e.g. `layerlab/`); default none. */
  prefix?: string;
  /** default us-east-1 (R2 wants `auto`) */
  region?: string;
  /** Non-AWS servers: R2 `https://<account>.r2.cloudflarestorage.com`, MinIO `http://minio:9000`. */
  endpoint?: string | null;
  /** Path-style URLs (`endpoint/bucket/key`): MinIO and local test servers need it; default false. */
  forcePathStyle?: boolean;
  /** Omit to use the SDK's default chain (env vars, instance roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | null;
  /**
   * Whether the server enforces If-Match / If-None-Match. AWS S3, R2 and MinIO do; s3rver
   * ignores them silently (see docs/architecture.md). Default true.
   */
  conditionalWrites?: boolean;
  /** Parts of a streamed upload (S3's minimum is 5 MiB); default 8 MiB. */
  partBytes?: number;
  /** A client to reuse (tests); the options above then only set bucket and prefix. */
  client?: S3Client;
}

/** ETags travel quoted on the wire; the store interface hands them out bare, like the fs driver. */
const bare = (etag: string | undefined) => (etag ?? '').replace(/^W\//, '').replace(/"/g, '');
const quoted = (etag: string) => `"${bare(etag)}"`;

function statusOf(error: unknown): number | null {
  if (error instanceof S3ServiceException) return error.$metadata.httpStatusCode ?? null;
  const meta = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata;
  return meta?.httpStatusCode ?? null;
}

/** Maps SDK failures onto the store's error types; returns null for "no such key" (reads only). */
function translate(error: unknown, key: string, options: { missingIsNull: boolean } = { missingIsNull: true }): null {
  const status = statusOf(error);
  const name = (error as { name?: string } | null)?.name;
  // a missing bucket is a configuration error, never an empty store
  if (name === 'NoSuchBucket') throw new StoreUnavailableError(`object store: the bucket does not exist (${key})`, { cause: error });
  if (options.missingIsNull && (status === 404 || name === 'NoSuchKey' || name === 'NotFound')) return null;
  // 409 ConditionalRequestConflict: AWS's answer when two conditional writes race
  if (status === 412 || status === 409 || name === 'PreconditionFailed') throw new PreconditionFailedError(key);
  if (status === null || status >= 500 || status === 404) {
    throw new StoreUnavailableError(`object store: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  throw error;
}

/**
 * The S3 driver of ObjectStore over @aws-sdk/client-s3. Only fetch-compatible parts of the SDK
 * run here, so the same class serves the Worker. Keys are the store's keys under `prefix`.
 */
export class S3Store implements ObjectStore {
  readonly conditionalWrites: boolean;
  readonly client: S3Client;
  readonly bucket: string;
  private readonly prefix: string;
  private readonly partBytes: number;

  constructor(options: S3StoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
    this.conditionalWrites = options.conditionalWrites ?? true;
    this.partBytes = options.partBytes ?? 8 * 1024 * 1024;
    this.client =
      options.client ??
      new S3Client({
        region: options.region ?? 'us-east-1',
        forcePathStyle: options.forcePathStyle ?? false,
        ...(options.endpoint === undefined || options.endpoint === null ? {} : { endpoint: options.endpoint }),
        ...(options.credentials === undefined || options.credentials === null ? {} : { credentials: options.credentials }),
        // only checksum when an operation requires it: R2 and MinIO reject some default trailers
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
  }

  private full(key: string): string {
    if (key.includes('..') || key.startsWith('/')) throw new Error(`invalid key: ${key}`);
    return this.prefix + key;
  }

  async get(key: string): Promise<StoredObject | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.full(key) }));
      const body = out.Body === undefined ? new Uint8Array() : await out.Body.transformToByteArray();
      return { body, etag: bare(out.ETag) };
    } catch (error) {
      return translate(error, key);
    }
  }

  async getStream(key: string): Promise<ReadableStream<Uint8Array> | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.full(key) }));
      if (out.Body === undefined) return new ReadableStream({ start: (controller) => controller.close() });
      return out.Body.transformToWebStream() as ReadableStream<Uint8Array>;
    } catch (error) {
      return translate(error, key);
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.full(key) }));
      return { key, size: out.ContentLength ?? 0, etag: bare(out.ETag) };
    } catch (error) {
      return translate(error, key);
    }
  }

  async put(key: string, body: StoreBody, options: PutOptions = {}): Promise<{ etag: string }> {
    const conditions = {
      ...(options.ifMatch === undefined ? {} : { IfMatch: quoted(options.ifMatch) }),
      ...(options.ifNoneMatch === undefined ? {} : { IfNoneMatch: '*' }),
    };
    const target = { Bucket: this.bucket, Key: this.full(key), ...(options.contentType === undefined ? {} : { ContentType: options.contentType }) };
    try {
      if (body instanceof ReadableStream) {
        const etag = await putStream({ client: this.client, target, conditions, body, partBytes: this.partBytes });
        return { etag: bare(etag) };
      }
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
      const out = await this.client.send(new PutObjectCommand({ ...target, ...conditions, Body: bytes, ContentLength: bytes.byteLength }));
      return { etag: bare(out.ETag) };
    } catch (error) {
      translate(error, key, { missingIsNull: false });
      throw error; // unreachable: translate throws whenever missingIsNull is false
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.full(key) }));
    } catch (error) {
      translate(error, key);
    }
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListPage> {
    const limit = options.limit ?? 1000;
    const { cursor, delimiter } = options;
    // a cursor that is a rolled-up prefix ("a/b/"): S3 would roll "a/b/x" into it again, so drop it
    const skipPrefix = cursor !== undefined && delimiter !== undefined && cursor.endsWith(delimiter) ? cursor : null;
    const out = await this.client
      .send(
        // ListObjects (v1): its Marker is exactly our exclusive cursor, and s3rver 3.7.1 answers
        // 500 to a truncated v2 listing on Node ≥ 17 (its continuation token uses DES)
        new ListObjectsCommand({
          Bucket: this.bucket,
          Prefix: this.full(prefix),
          MaxKeys: Math.min(1000, limit + (skipPrefix === null ? 0 : 1)),
          ...(cursor === undefined ? {} : { Marker: this.full(cursor) }),
          ...(delimiter === undefined ? {} : { Delimiter: delimiter }),
        }),
      )
      .catch((error: unknown) => translate(error, prefix, { missingIsNull: false }));
    if (out === null) return { objects: [], prefixes: [], cursor: null };
    const strip = (key: string) => key.slice(this.prefix.length);
    const objects = (out.Contents ?? []).map((item) => ({ key: strip(item.Key ?? ''), size: item.Size ?? 0 }));
    const prefixes = (out.CommonPrefixes ?? []).map((item) => strip(item.Prefix ?? '')).filter((p) => skipPrefix === null || p > skipPrefix);
    const entries = [...objects.map((o) => o.key), ...prefixes].sort();
    const truncated = out.IsTruncated === true || entries.length > limit;
    const kept = entries.slice(0, limit);
    const keptSet = new Set(kept);
    return {
      objects: objects.filter((o) => keptSet.has(o.key)),
      prefixes: prefixes.filter((p) => keptSet.has(p)),
      cursor: truncated && kept.length > 0 ? (kept[kept.length - 1] as string) : null,
    };
  }
}
