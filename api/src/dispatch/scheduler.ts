import { readRecord, updateRecord, isCancelRequested, type JobRef } from '../jobs/job-store.js';
import { PendingMarker, isTerminal, type JobRecord } from '../jobs/record.js';
import { getJson, putJson } from '../store/json.js';
import { keys } from '../store/keys.js';
import { PreconditionFailedError, type ObjectStore } from '../store/types.js';
import { tickSweeps } from '../services/sweeps/sweep-controller.js';
import type { Dispatcher, OfferResult } from './types.js';

export interface SchedulerOptions {
  store: ObjectStore;
  dispatcher: Dispatcher;
  /** A running job silent this long is offered again (and resumes from its checkpoint). */
  heartbeatTimeoutMs: number;
  /** Trainer starts allowed before a job fails with MAX_ATTEMPTS. */
  maxAttempts: number;
  /** How long an accepted offer may stay unclaimed before the job is offered again (default 30 s). */
  claimTimeoutMs?: number;
  now?: () => number;
  log?: (message: string) => void;
}

const BUSY_BACKOFF_CAP_MS = 5_000;
const DOWN_BACKOFF_CAP_MS = 60_000;

/** Exponential backoff with jitter: ~1 s, 2 s, 4 s ... up to the cap. */
export function backoffMs(offers: number, capMs: number): number {
  const base = Math.min(capMs, 1000 * 2 ** Math.min(offers, 16));
  return Math.round(base * (0.5 + Math.random() * 0.5));
}

/**
 * Keeps every unfinished job moving: offers queued jobs to trainers with backoff, and requeues
 * running jobs whose trainer stopped heartbeating. All state is in the store (one marker per
 * unfinished job), so it survives restarts and runs the same from a Node timer or a Workers cron.
 */
export class Scheduler {
  private ticking = false;
  private readonly now: () => number;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Registers a new job; from now on every tick watches it until it finishes. */
  async register(job: { tenant: string; jobId: string }): Promise<void> {
    const marker: PendingMarker = { tenant: job.tenant, jobId: job.jobId, offers: 0, nextOfferAt: 0 };
    await putJson(this.options.store, keys.pendingJob(job.jobId), marker);
  }

  /** Offers a registered job now rather than at the next tick (a no-op if it is not due). */
  async offerNow(jobId: string): Promise<void> {
    const marker = await getJson(this.options.store, keys.pendingJob(jobId), PendingMarker);
    if (marker !== null) await this.visit(marker);
  }

  /** One pass over every unfinished job; a pass already under way makes this a no-op. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      // sweeps first: trials they start now are offered in this same pass
      // a sweep problem (storage hiccup) must never hold up the jobs below
      await tickSweeps({ store: this.options.store, scheduler: this, log: (message) => this.log(message) }).catch((error: unknown) =>
        this.log(`scheduler: sweeps: ${String(error)}`),
      );
      const markers: PendingMarker[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.options.store.list(keys.pending(), cursor === undefined ? {} : { cursor });
        for (const object of page.objects) {
          const marker = await getJson(this.options.store, object.key, PendingMarker).catch(() => null);
          if (marker !== null) markers.push(marker);
        }
        cursor = page.cursor ?? undefined;
      } while (cursor !== undefined);
      // ids sort newest first: visit oldest first so jobs are served in order
      for (const marker of markers.reverse()) {
        await this.visit(marker).catch((error: unknown) => this.log(`scheduler: ${marker.jobId}: ${String(error)}`));
      }
    } finally {
      this.ticking = false;
    }
  }

  private log(message: string): void {
    (this.options.log ?? console.warn)(message);
  }

  private ref(marker: PendingMarker): JobRef {
    return { store: this.options.store, tenant: marker.tenant, jobId: marker.jobId };
  }

  private async visit(marker: PendingMarker): Promise<void> {
    const ref = this.ref(marker);
    const record = await readRecord(ref);
    if (record === null || isTerminal(record.value.status)) {
      await this.options.store.delete(keys.pendingJob(marker.jobId));
      return;
    }
    if (record.value.status === 'running') {
      await this.checkHeartbeat(marker, record.value);
      return;
    }
    if (await isCancelRequested(ref)) {
      await this.finish(ref, (current) =>
        current.status === 'queued' ? { ...current, status: 'cancelled', finishedAt: new Date(this.now()).toISOString() } : undefined,
      );
      return;
    }
    if (this.now() >= marker.nextOfferAt) await this.offer(marker);
  }

  private async offer(marker: PendingMarker): Promise<void> {
    const result = await this.options.dispatcher.offer({ tenant: marker.tenant, jobId: marker.jobId });
    const delay = this.delayAfter(result, marker.offers);
    if (result.outcome === 'unreachable' || result.outcome === 'rejected') {
      this.log(`scheduler: offering ${marker.jobId}: ${result.outcome}: ${result.reason}`);
    }
    const next: PendingMarker = { ...marker, offers: marker.offers + 1, nextOfferAt: this.now() + delay };
    try {
      // only if the marker still exists: the job may have finished meanwhile
      const current = await this.options.store.head(keys.pendingJob(marker.jobId));
      if (current !== null) await putJson(this.options.store, keys.pendingJob(marker.jobId), next, { ifMatch: current.etag });
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
  }

  private delayAfter(result: OfferResult, offers: number): number {
    switch (result.outcome) {
      case 'accepted':
        return this.options.claimTimeoutMs ?? 30_000;
      case 'busy':
        return result.retryAfterMs ?? backoffMs(offers, BUSY_BACKOFF_CAP_MS);
      default:
        return backoffMs(offers, DOWN_BACKOFF_CAP_MS);
    }
  }

  private async checkHeartbeat(marker: PendingMarker, record: JobRecord): Promise<void> {
    const last = Date.parse(record.heartbeatAt ?? record.startedAt ?? record.createdAt);
    if (this.now() - last < this.options.heartbeatTimeoutMs) return;
    const ref = this.ref(marker);
    const cancelled = await isCancelRequested(ref);
    const at = new Date(this.now()).toISOString();
    const silentSince = record.heartbeatAt ?? 'its start';
    const updated = await updateRecord(ref, (current) => {
      if (current.status !== 'running' || current.runId !== record.runId) return undefined;
      if (cancelled) return { ...current, status: 'cancelled', runId: null, finishedAt: at };
      if (current.attempts >= this.options.maxAttempts) {
        return {
          ...current,
          status: 'failed',
          runId: null,
          finishedAt: at,
          error: {
            code: 'MAX_ATTEMPTS',
            message: `the trainer stopped responding (last heartbeat ${silentSince}) and the job was already started ${current.attempts} times (LAYERLAB_MAX_ATTEMPTS=${this.options.maxAttempts})`,
          },
        };
      }
      return { ...current, status: 'queued', runId: null };
    });
    if (updated?.status === 'queued') {
      this.log(`scheduler: ${marker.jobId} stopped heartbeating since ${silentSince}; offering it again to resume`);
      await this.offer({ ...marker, offers: 0 });
    }
  }

  private async finish(ref: JobRef, mutate: (record: JobRecord) => JobRecord | undefined): Promise<void> {
    const updated = await updateRecord(ref, mutate);
    if (updated !== null && isTerminal(updated.status)) await this.options.store.delete(keys.pendingJob(ref.jobId));
  }
}
