import { APIUserAbortError } from '../../client/index.js';
import type { Job } from '../../spec/index.js';
import { type CommandContext } from '../command.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { jobSummary } from '../render/job-summary.js';
import { JobWatchView } from '../render/job-watch.js';

/** The exit code a finished job maps to. */
export function exitCodeOf(job: Job): ExitCode {
  if (job.status === 'failed') return EXIT.jobFailed;
  if (job.status === 'cancelled') return EXIT.jobCancelled;
  return EXIT.ok;
}

function header(job: Job): string {
  const target = Array.isArray(job.spec.target) ? job.spec.target.join(', ') : job.spec.target;
  const what = job.type === 'lr_finder' ? 'LR range test' : 'Training';
  const monitor = job.spec.earlyStopping === false ? 'valLoss' : job.spec.earlyStopping.monitor;
  return `${what} ${job.id}${job.spec.name === undefined ? '' : ` "${job.spec.name}"`} · ${job.spec.task} · target ${target} · up to ${job.progress.epochs} epochs · * = new best ${monitor}`;
}

/**
 * Follows a job over its event stream until it ends: live epoch lines, then the summary table.
 * With --json: one JSON line per event (NDJSON). Ctrl-C stops watching; the job keeps running.
 */
export async function watchJob(context: CommandContext, jobId: string): Promise<ExitCode> {
  const view = new JobWatchView({ out: context.io.stdout, style: context.style });
  let final: Job | null = null;
  let started = false;
  try {
    for await (const event of context.client.jobs.stream(jobId, { signal: context.signal })) {
      if (context.json) {
        context.io.stdout.write(`${JSON.stringify(event)}\n`);
        if (event.event === 'done') final = event.data;
        continue;
      }
      if (event.event === 'epoch') view.epoch(event.data);
      else {
        if (!started) {
          const line = header(event.data);
          const width = context.io.stdout.columns - 1;
          context.print(`${context.io.stdout.isTTY && line.length > width ? `${line.slice(0, width - 1)}…` : line}\n`);
        }
        started = true;
        if (event.event === 'status') view.status(event.data);
        else final = event.data;
      }
    }
  } catch (error) {
    view.finish();
    if (!(error instanceof APIUserAbortError)) throw error;
    context.note(`\nStopped watching ${jobId}; it keeps running.\n  follow it again: layerlab jobs watch ${jobId}\n  stop it:         layerlab jobs cancel ${jobId}\n`);
    return EXIT.interrupted;
  }
  view.finish();
  if (final === null) return EXIT.error;
  if (!context.json) {
    context.print(`\n${jobSummary(final, context.style)}`);
    if (final.modelId !== null) context.note(`\nNext: layerlab predict ${final.modelId} rows.json\n`);
  }
  return exitCodeOf(final);
}
