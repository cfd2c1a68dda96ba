import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

export interface StreamUpload {
  client: S3Client;
  target: { Bucket: string; Key: string; ContentType?: string };
  conditions: { IfMatch?: string; IfNoneMatch?: string };
  body: ReadableStream<Uint8Array>;
  /** Size of each part but the last (S3: at least 5 MiB). */
  partBytes: number;
}

/** Reads up to `size` bytes from a stream; fewer only at its end. */
async function readChunk(reader: ReadableStreamDefaultReader<Uint8Array>, size: number, carry: Uint8Array[]): Promise<Uint8Array> {
  const parts = carry.splice(0);
  let length = parts.reduce((sum, part) => sum + part.byteLength, 0);
  while (length < size) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    length += value.byteLength;
  }
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  if (length > size) {
    carry.push(joined.slice(size));
    return joined.subarray(0, size);
  }
  return joined;
}

/**
 * Uploads a stream of unknown length holding at most one part in memory: a single PutObject when
 * it fits in one part, otherwise a multipart upload whose completion carries the conditions
 * (AWS, R2 and MinIO check If-Match / If-None-Match on CompleteMultipartUpload).
 */
export async function putStream(upload: StreamUpload): Promise<string | undefined> {
  const { client, target, conditions, partBytes } = upload;
  const reader = upload.body.getReader();
  const carry: Uint8Array[] = [];
  const first = await readChunk(reader, partBytes, carry);
  const second = await readChunk(reader, partBytes, carry);
  if (second.byteLength === 0) {
    const out = await client.send(new PutObjectCommand({ ...target, ...conditions, Body: first, ContentLength: first.byteLength }));
    return out.ETag;
  }
  const { UploadId } = await client.send(new CreateMultipartUploadCommand(target));
  const base = { Bucket: target.Bucket, Key: target.Key, UploadId };
  try {
    const parts: { ETag: string; PartNumber: number }[] = [];
    let chunk: Uint8Array = first;
    let next: Uint8Array = second;
    for (let number = 1; chunk.byteLength > 0; number += 1) {
      const out = await client.send(new UploadPartCommand({ ...base, PartNumber: number, Body: chunk, ContentLength: chunk.byteLength }));
      parts.push({ ETag: out.ETag ?? '', PartNumber: number });
      chunk = next;
      next = chunk.byteLength === 0 ? chunk : await readChunk(reader, partBytes, carry);
    }
    const done = await client.send(new CompleteMultipartUploadCommand({ ...base, ...conditions, MultipartUpload: { Parts: parts } }));
    return done.ETag;
  } catch (error) {
    await client.send(new AbortMultipartUploadCommand(base)).catch(() => undefined);
    await reader.cancel().catch(() => undefined);
    throw error;
  }
}
