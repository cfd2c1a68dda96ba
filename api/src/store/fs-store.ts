import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import {
  PreconditionFailedError,
  type ListedObject,
  type ListOptions,
  type ListPage,
  type ObjectInfo,
  type ObjectStore,
  type PutOptions,
  type StoreBody,
  type StoredObject,
} from './types.js';

/** Files with this marker are temp files or locks, never objects. */
const INTERNAL = '.~';
const LOCK_WAIT_MS = 10_000;
const STALE_LOCK_MS = 30_000;

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** True when the lock names a process that no longer exists (SIGKILLed mid-write, e.g. a reclaimed trainer). */
async function holderIsDead(lockPath: string): Promise<boolean> {
  const pid = Number(await readFile(lockPath, 'utf8').catch(() => ''));
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export interface FsStoreOptions {
  /** The folder that holds every object (created on first write). */
  root: string;
}

/**
 * The local-folder driver: one file per key under `root`. Writes are atomic (temp file + rename);
 * conditional writes hold a lock file, so they are safe across processes on one machine.
 */
export class FsStore implements ObjectStore {
  readonly conditionalWrites = true;
  readonly root: string;

  constructor(options: FsStoreOptions) {
    this.root = options.root;
  }

  private pathOf(key: string): string {
    if (key.includes('..') || key.startsWith('/') || key.includes(INTERNAL) || key.endsWith('/')) {
      throw new Error(`invalid key: ${key}`);
    }
    return join(this.root, ...key.split('/'));
  }

  async get(key: string): Promise<StoredObject | null> {
    try {
      const body = new Uint8Array(await readFile(this.pathOf(key)));
      return { body, etag: md5(body) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async getStream(key: string): Promise<ReadableStream<Uint8Array> | null> {
    const path = this.pathOf(key);
    try {
      await stat(path);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    return Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>;
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const object = await this.get(key);
    return object === null ? null : { key, size: object.body.byteLength, etag: object.etag };
  }

  async put(key: string, body: StoreBody, options: PutOptions = {}): Promise<{ etag: string }> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const conditional = options.ifMatch !== undefined || options.ifNoneMatch !== undefined;
    if (!conditional) return this.writeAtomically(path, body);
    const release = await this.lock(path);
    try {
      const current = await this.get(key);
      if (options.ifNoneMatch === '*' && current !== null) throw new PreconditionFailedError(key);
      if (options.ifMatch !== undefined && current?.etag !== options.ifMatch) throw new PreconditionFailedError(key);
      return await this.writeAtomically(path, body);
    } finally {
      await release();
    }
  }

  private async writeAtomically(path: string, body: StoreBody): Promise<{ etag: string }> {
    const temp = `${path}${INTERNAL}tmp.${randomBytes(6).toString('hex')}`;
    try {
      let etag: string;
      if (typeof body === 'string' || body instanceof Uint8Array) {
        const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
        const handle = await open(temp, 'w');
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        etag = md5(bytes);
      } else {
        const hash = createHash('md5');
        const hashing = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            hash.update(chunk);
            done(null, chunk);
          },
        });
        await pipeline(Readable.fromWeb(body as NodeWebStream<Uint8Array>), hashing, createWriteStream(temp));
        etag = hash.digest('hex');
      }
      await rename(temp, path);
      return { etag };
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  private async lock(path: string): Promise<() => Promise<void>> {
    const lockPath = `${path}${INTERNAL}lock`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        const handle = await open(lockPath, 'wx');
        try {
          await handle.writeFile(String(process.pid)); // lets waiters see that a killed holder left it
        } finally {
          await handle.close();
        }
        return () => rm(lockPath, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const info = await stat(lockPath).catch(() => null);
        if (info !== null && Date.now() - info.mtimeMs > STALE_LOCK_MS) await rm(lockPath, { force: true });
        else if (info !== null && (await holderIsDead(lockPath))) await rm(lockPath, { force: true });
        if (Date.now() > deadline) throw new Error(`timed out waiting for the lock on ${path}`);
        await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 8));
      }
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    try {
      await unlink(path);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
    await this.pruneEmptyDirs(dirname(path));
  }

  private async pruneEmptyDirs(dir: string): Promise<void> {
    let current = dir;
    while (current.startsWith(this.root) && current !== this.root) {
      try {
        await rmdir(current);
      } catch {
        return; // not empty (or gone): stop climbing
      }
      current = dirname(current);
    }
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListPage> {
    const limit = options.limit ?? 1000;
    const baseDir = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const all = (await this.walk(join(this.root, ...baseDir.split('/').filter(Boolean))))
      .filter((key) => key.startsWith(prefix))
      .sort();
    const objects: ListedObject[] = [];
    const prefixes: string[] = [];
    let last: string | null = null;
    for (const key of all) {
      const rest = key.slice(prefix.length);
      const cut = options.delimiter === undefined ? -1 : rest.indexOf(options.delimiter);
      const entry = cut === -1 ? key : prefix + rest.slice(0, cut + (options.delimiter?.length ?? 0));
      if (options.cursor !== undefined && entry <= options.cursor) continue;
      if (entry === last) continue;
      if (objects.length + prefixes.length === limit) return { objects, prefixes, cursor: last };
      if (cut === -1) {
        const info = await stat(this.pathOf(key)).catch(() => null);
        if (info !== null) objects.push({ key, size: info.size });
      } else {
        prefixes.push(entry);
      }
      last = entry;
    }
    return { objects, prefixes, cursor: null };
  }

  private async walk(dir: string): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
      throw error;
    }
    const keys: string[] = [];
    for (const entry of entries) {
      if (entry.name.includes(INTERNAL)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) keys.push(...(await this.walk(full)));
      else keys.push(relative(this.root, full).split(sep).join('/'));
    }
    return keys;
  }
}
