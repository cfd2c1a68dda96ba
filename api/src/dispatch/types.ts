import type { Row } from '@layerlab/sdk/spec';

export type OfferResult =
  | { outcome: 'accepted' }
  | { outcome: 'busy'; retryAfterMs: number | null }
  | { outcome: 'unreachable'; reason: string }
  | { outcome: 'rejected'; status: number; reason: string };

export interface TrainerReply {
  status: number;
  body: unknown;
}

/** How the API reaches trainers. One implementation speaks the signed HTTP contract. */
export interface Dispatcher {
  /** Offers a queued job to a trainer; `busy` and `unreachable` leave it queued. */
  offer(job: { tenant: string; jobId: string }): Promise<OfferResult>;
  /** Runs a prediction on a trainer (the API holds no tfjs). Throws when no trainer answers. */
  predict(request: { tenant: string; modelId: string; rows: Row[] }): Promise<TrainerReply>;
}

/** No trainer answered (connection refused, timeout, 5xx). */
export class TrainerUnavailableError extends Error {
  override name = 'TrainerUnavailableError';
}
