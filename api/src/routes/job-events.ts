import type { EpochMetrics, Job } from '@layerlab/sdk/spec';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../app-env.js';
import { readJob, readMetrics } from '../jobs/job-store.js';
import { isTerminal } from '../jobs/record.js';
import { jobScope } from './scope.js';

/** Streams a job's status changes and finished epochs until it ends (or the client leaves). */
export function jobEvents(c: Context<AppEnv>, jobId: string) {
  const scope = { ...jobScope(c), jobId };
  const pollMs = c.get('deps').eventsPollMs ?? 1000;
  const lastEventId = c.req.header('last-event-id');
  let sentEpochs = /^epoch-(\d+)$/.test(lastEventId ?? '') ? Number(lastEventId?.slice(6)) : 0;
  return streamSSE(c, async (stream) => {
    let aborted = false;
    stream.onAbort(() => {
      aborted = true;
    });
    let lastStatus = '';
    while (!aborted) {
      const job: Job | null = await readJob(scope);
      if (job === null) break;
      const history: EpochMetrics[] = await readMetrics(scope);
      for (const entry of history) {
        if (entry.epoch <= sentEpochs) continue;
        await stream.writeSSE({ event: 'epoch', id: `epoch-${entry.epoch}`, data: JSON.stringify(entry) });
        sentEpochs = entry.epoch;
      }
      const signature = `${job.status}|${job.progress.epoch}|${job.cancelRequested}|${job.attempts}`;
      if (signature !== lastStatus) {
        await stream.writeSSE({ event: 'status', data: JSON.stringify(job) });
        lastStatus = signature;
      }
      if (isTerminal(job.status)) {
        await stream.writeSSE({ event: 'done', data: JSON.stringify(job) });
        break;
      }
      await stream.sleep(pollMs);
    }
  });
}
