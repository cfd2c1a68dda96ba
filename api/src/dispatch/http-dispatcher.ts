import { sign, SIGNATURE_HEADER } from './signature.js';
import { TrainerUnavailableError, type Dispatcher, type OfferResult, type TrainerReply } from './types.js';

export interface HttpDispatcherOptions {
  /** Base URL of the trainer function, e.g. https://trainer-xyz.a.run.app */
  trainerUrl: string | (() => string | null);
  secret: string;
  fetch?: typeof fetch;
  /** default 15000 */
  offerTimeoutMs?: number;
  /** default 60000 (a cold GPU container may have to load the model) */
  predictTimeoutMs?: number;
}

/** Speaks the signed trainer contract of API.md over HTTP; works on Node and Workers. */
export class HttpDispatcher implements Dispatcher {
  constructor(private readonly options: HttpDispatcherOptions) {}

  private baseUrl(): string | null {
    const { trainerUrl } = this.options;
    const url = typeof trainerUrl === 'function' ? trainerUrl() : trainerUrl;
    return url === null ? null : url.replace(/\/+$/, '');
  }

  private async post(path: string, payload: unknown, timeoutMs: number): Promise<Response> {
    const base = this.baseUrl();
    if (base === null) throw new TrainerUnavailableError('no trainer is running');
    // a nonce makes every request's MAC unique, so the trainer's replay guard only stops true replays
    const nonce = [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const body = JSON.stringify({ ...(payload as object), nonce });
    const doFetch = this.options.fetch ?? fetch;
    return doFetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: await sign({ secret: this.options.secret, body }) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  }

  async offer(job: { tenant: string; jobId: string }): Promise<OfferResult> {
    let response: Response;
    try {
      response = await this.post('/v1/run', { jobId: job.jobId, tenant: job.tenant }, this.options.offerTimeoutMs ?? 15_000);
    } catch (error) {
      return { outcome: 'unreachable', reason: error instanceof Error ? error.message : String(error) };
    }
    const text = await response.text().catch(() => '');
    if (response.status === 202 || response.status === 200) return { outcome: 'accepted' };
    if (response.status === 429 || response.status === 503) {
      const retryAfter = Number(response.headers.get('retry-after'));
      return { outcome: 'busy', retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null };
    }
    if (response.status >= 500) return { outcome: 'unreachable', reason: `trainer answered ${response.status}` };
    return { outcome: 'rejected', status: response.status, reason: text.slice(0, 500) };
  }

  async predict(request: { tenant: string; modelId: string; rows: unknown[] }): Promise<TrainerReply> {
    let response: Response;
    try {
      response = await this.post('/v1/predict', request, this.options.predictTimeoutMs ?? 60_000);
    } catch (error) {
      throw new TrainerUnavailableError(error instanceof Error ? error.message : String(error));
    }
    if (response.status === 429 || response.status >= 500) {
      throw new TrainerUnavailableError(`trainer answered ${response.status}`);
    }
    const body: unknown = await response.json().catch(() => null);
    return { status: response.status, body };
  }
}
