import { readEnv } from './env.js';
import { LayerlabError } from './errors.js';
import { HttpClient, type RequestOptions } from './http-client.js';
import { Datasets } from './resources/datasets.js';
import { Jobs } from './resources/jobs.js';
import { LrFinder } from './resources/lr-finder.js';
import { Models } from './resources/models.js';
import { Sweeps } from './resources/sweeps.js';

/** Where the local API listens by default (`pnpm start`). */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:8787';
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;

export interface ClientOptions {
  /** The API's URL. Default: `LAYERLAB_BASE_URL`, else http://127.0.0.1:8787. */
  baseURL?: string | undefined;
  /** Sent as `Authorization: Bearer`. Default: `LAYERLAB_API_KEY`; none in local mode. */
  apiKey?: string | null | undefined;
  /** A fetch implementation (a proxy agent, a test double). Default: the global fetch. */
  fetch?: typeof fetch | undefined;
  /** Retries of network errors, 408, 409, 429 and 5xx, with jittered backoff. Default 2. */
  maxRetries?: number | undefined;
  /** Per attempt, in ms. Default 60000 (uploads: at least 10 minutes). */
  timeout?: number | undefined;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string> | undefined;
}

function checkedBaseURL(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(url.protocol);
  } catch {
    throw new LayerlabError(`baseURL "${value}" is not an http(s) URL (set baseURL or LAYERLAB_BASE_URL)`);
  }
  return value.replace(/\/+$/, '');
}

function checkedCount(name: string, value: number, min: number): number {
  if (!Number.isFinite(value) || value < min) throw new LayerlabError(`${name} must be a number ≥ ${min}, got ${value}`);
  return value;
}

/** The Layerlab API client: `new Layerlab()` reads LAYERLAB_BASE_URL and LAYERLAB_API_KEY. */
export class Layerlab {
  readonly baseURL: string;
  readonly apiKey: string | null;
  readonly maxRetries: number;
  readonly timeout: number;

  readonly datasets: Datasets;
  readonly jobs: Jobs;
  readonly models: Models;
  readonly lrFinder: LrFinder;
  readonly sweeps: Sweeps;

  protected readonly http: HttpClient;

  constructor(options: ClientOptions = {}) {
    this.baseURL = checkedBaseURL(options.baseURL ?? readEnv('LAYERLAB_BASE_URL') ?? DEFAULT_BASE_URL);
    this.apiKey = options.apiKey === undefined ? (readEnv('LAYERLAB_API_KEY') ?? null) : options.apiKey;
    this.maxRetries = checkedCount('maxRetries', options.maxRetries ?? DEFAULT_MAX_RETRIES, 0);
    this.timeout = checkedCount('timeout', options.timeout ?? DEFAULT_TIMEOUT_MS, 1);
    this.http = new HttpClient({
      baseURL: this.baseURL,
      apiKey: this.apiKey,
      maxRetries: this.maxRetries,
      timeout: this.timeout,
      defaultHeaders: options.defaultHeaders ?? {},
      fetch: options.fetch,
    });
    this.datasets = new Datasets(this.http);
    this.jobs = new Jobs(this.http);
    this.models = new Models(this.http);
    this.lrFinder = new LrFinder(this.http, (id, o) => this.jobs.wait(id, o));
    this.sweeps = new Sweeps(this.http);
  }

  /** GET any API path (e.g. a route newer than this SDK) with the client's auth and retries. */
  get<T = unknown>(path: string, options: RequestOptions & { query?: Record<string, string | number | boolean | undefined> } = {}): Promise<T> {
    const { query, ...request } = options;
    return this.http.json<T>({ method: 'GET', path, query, options: request });
  }

  /** POST JSON to any API path with the client's auth and retries. */
  post<T = unknown>(path: string, options: RequestOptions & { body?: unknown } = {}): Promise<T> {
    const { body, ...request } = options;
    return this.http.json<T>({ method: 'POST', path, ...(body === undefined ? {} : { body: { json: body } }), options: request });
  }
}
