import { readSweep } from '@layerlab/api/sweeps';
import type { ObjectStore } from '@layerlab/api/store';
import type { StoppedBy } from '@layerlab/sdk/spec';
import type { Callback } from '../train/callbacks.js';
import { AshaCallback } from './asha-callback.js';

export interface TrialCallbacks {
  callbacks: Callback[];
  /** Set once the sweep's rule stopped this trial. */
  stoppedBy(): StoppedBy | null;
}

const NONE: TrialCallbacks = { callbacks: [], stoppedBy: () => null };

/** The callbacks a sweep trial trains with (its sweep's ASHA rule); none for other jobs. */
export async function trialCallbacks(options: { store: ObjectStore; tenant: string; jobId: string; sweepId: string | null }): Promise<TrialCallbacks> {
  if (options.sweepId === null) return NONE;
  const sweep = await readSweep({ store: options.store, tenant: options.tenant, sweepId: options.sweepId });
  const rule = sweep?.value.earlyTerminate ?? null;
  if (sweep === null || rule === null) return NONE;
  const asha = new AshaCallback({
    sweep: { store: options.store, tenant: options.tenant, sweepId: options.sweepId },
    jobId: options.jobId,
    rule,
    metric: sweep.value.metric,
  });
  return { callbacks: [asha], stoppedBy: () => asha.stoppedBy };
}
