import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';

/** A File backed by a file on disk, read as the upload streams (not loaded into memory first). */
export async function fileFromPath(filePath: string, options: { type?: string } = {}): Promise<File> {
  const blob = await openAsBlob(filePath, options.type === undefined ? {} : { type: options.type });
  // File over the lazy Blob keeps the name, which becomes the dataset's default name
  return new File([blob], basename(filePath), { type: blob.type });
}
