import { stat } from 'node:fs/promises';
import type { CliIo } from './io.js';
import { userPath } from './io.js';
import { UsageError } from './usage-error.js';

/** A JSON file's value (`-` reads stdin); a missing file or bad JSON is a UsageError naming the file. */
export async function readJsonFile(io: CliIo, path: string): Promise<unknown> {
  let text: string;
  try {
    text = path === '-' ? await io.readStdin() : await io.readText(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(code === 'ENOENT' ? `${path}: no such file (looked in ${userPath(io, path)})` : `${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** A JSON object from a file, e.g. a training spec. */
export async function readJsonObject(io: CliIo, path: string, what: string): Promise<Record<string, unknown>> {
  const value = await readJsonFile(io, path);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${path}: a ${what} is a JSON object`);
  return value as Record<string, unknown>;
}

/** True if `path` names an existing file (relative to where the user is). */
export async function isFile(io: CliIo, path: string): Promise<boolean> {
  try {
    return (await stat(userPath(io, path))).isFile();
  } catch {
    return false;
  }
}
