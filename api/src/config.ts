import { z } from 'zod';

const Int = (min: number) => z.coerce.number().int().min(min);

/** Environment variables, the same names on Node, Workers and the trainer (API.md). */
const Env = z.object({
  PORT: Int(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  LAYERLAB_STORE: z.enum(['fs', 's3']).default('fs'),
  LAYERLAB_DATA_DIR: z.string().min(1).default('.data'),
  LAYERLAB_S3_BUCKET: z.string().min(1).optional(),
  LAYERLAB_S3_PREFIX: z.string().default(''),
  LAYERLAB_S3_REGION: z.string().min(1).default('us-east-1'),
  LAYERLAB_S3_ENDPOINT: z.url().optional(),
  LAYERLAB_S3_FORCE_PATH_STYLE: z.enum(['true', 'false', '1', '0']).optional(),
  LAYERLAB_TRAINER_URL: z.url().optional(),
  LAYERLAB_DISPATCH_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  LAYERLAB_API_KEYS: z.string().optional(),
  LAYERLAB_BACKEND: z.enum(['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).default('auto'),
  LAYERLAB_TRAINER_CONCURRENCY: Int(1).max(64).default(1),
  LAYERLAB_HEARTBEAT_TIMEOUT_MS: Int(1000).default(120_000),
  LAYERLAB_MAX_ATTEMPTS: Int(1).max(100).default(3),
  LAYERLAB_MAX_BODY_BYTES: Int(1024).default(100 * 1024 * 1024),
  LAYERLAB_SCHEDULER_INTERVAL_MS: Int(50).default(1000),
  LAYERLAB_RATE_LIMIT_PER_MINUTE: Int(0).default(1200),
  LAYERLAB_CORS_ORIGINS: z.string().optional(),
  LAYERLAB_PUBLIC_URL: z.url().optional(),
});

/** One configured API key: its SHA-256 (hex) and the tenant it belongs to. */
export interface ApiKeyEntry {
  sha256: string;
  tenant: string;
}

export interface Config {
  port: number;
  host: string;
  store: 'fs' | 's3';
  dataDir: string;
  s3: { bucket: string; prefix: string; region: string; endpoint: string | null; forcePathStyle: boolean } | null;
  trainerUrl: string | null;
  dispatchSecret: string | null;
  /** null: local mode (one tenant `local`, no auth, loopback only) */
  apiKeys: ApiKeyEntry[] | null;
  backend: 'auto' | 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
  trainerConcurrency: number;
  heartbeatTimeoutMs: number;
  maxAttempts: number;
  maxBodyBytes: number;
  schedulerIntervalMs: number;
  /** Requests a minute per tenant (0: no limit). */
  rateLimitPerMinute: number;
  /** Browser origins allowed to call the API (`*` for any); null: no CORS headers. */
  corsOrigins: string[] | null;
  /** Base of absolute URLs the API hands out (artifacts); default: the request's own origin. */
  publicUrl: string | null;
}

/** The configuration is unusable; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * `key:tenant,key:tenant`, or `sha256:<hex>:tenant` entries so that plain keys need not sit in
 * the environment.
 */
export async function parseApiKeys(value: string): Promise<ApiKeyEntry[]> {
  const entries: ApiKeyEntry[] = [];
  for (const part of value.split(',').map((item) => item.trim()).filter(Boolean)) {
    const hashed = /^sha256:([0-9a-f]{64}):([a-z0-9][a-z0-9_-]{0,62})$/.exec(part);
    if (hashed !== null) {
      entries.push({ sha256: hashed[1] as string, tenant: hashed[2] as string });
      continue;
    }
    const cut = part.lastIndexOf(':');
    const key = part.slice(0, cut);
    const tenant = part.slice(cut + 1);
    if (cut <= 0 || key.length < 8 || !/^[a-z0-9][a-z0-9_-]{0,62}$/.test(tenant)) {
      throw new ConfigError('LAYERLAB_API_KEYS: each entry is key:tenant (key ≥ 8 chars, tenant [a-z0-9_-])');
    }
    entries.push({ sha256: await sha256Hex(key), tenant });
  }
  if (entries.length === 0) throw new ConfigError('LAYERLAB_API_KEYS is set but holds no keys');
  return entries;
}

export { sha256Hex };

/** Reads the configuration from an environment object (process.env, or a Worker's env). */
export async function loadConfig(env: Record<string, unknown>): Promise<Config> {
  const strings = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in Env.shape && typeof value === 'string' && value !== ''),
  );
  const parsed = Env.safeParse(strings);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(`${String(first?.path[0] ?? 'environment')}: ${first?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  if (e.LAYERLAB_STORE === 's3' && e.LAYERLAB_S3_BUCKET === undefined) {
    throw new ConfigError('LAYERLAB_S3_BUCKET is required when LAYERLAB_STORE=s3');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    store: e.LAYERLAB_STORE,
    dataDir: e.LAYERLAB_DATA_DIR,
    s3:
      e.LAYERLAB_STORE === 's3'
        ? {
            bucket: e.LAYERLAB_S3_BUCKET as string,
            prefix: e.LAYERLAB_S3_PREFIX,
            region: e.LAYERLAB_S3_REGION,
            endpoint: e.LAYERLAB_S3_ENDPOINT ?? null,
            forcePathStyle: e.LAYERLAB_S3_FORCE_PATH_STYLE === 'true' || e.LAYERLAB_S3_FORCE_PATH_STYLE === '1',
          }
        : null,
    trainerUrl: e.LAYERLAB_TRAINER_URL ?? null,
    dispatchSecret: e.LAYERLAB_DISPATCH_SECRET ?? null,
    apiKeys: e.LAYERLAB_API_KEYS === undefined ? null : await parseApiKeys(e.LAYERLAB_API_KEYS),
    backend: e.LAYERLAB_BACKEND,
    trainerConcurrency: e.LAYERLAB_TRAINER_CONCURRENCY,
    heartbeatTimeoutMs: e.LAYERLAB_HEARTBEAT_TIMEOUT_MS,
    maxAttempts: e.LAYERLAB_MAX_ATTEMPTS,
    maxBodyBytes: e.LAYERLAB_MAX_BODY_BYTES,
    schedulerIntervalMs: e.LAYERLAB_SCHEDULER_INTERVAL_MS,
    rateLimitPerMinute: e.LAYERLAB_RATE_LIMIT_PER_MINUTE,
    corsOrigins: e.LAYERLAB_CORS_ORIGINS === undefined ? null : e.LAYERLAB_CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean),
    publicUrl: e.LAYERLAB_PUBLIC_URL ?? null,
  };
}
