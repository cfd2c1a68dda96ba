import { JobStatus, JobType, type Job } from '../../spec/index.js';
import { fitTo, intOption, printJson, stringOption, type Command, type CommandContext } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { formatNumber } from '../render/format.js';
import { jobSummary } from '../render/job-summary.js';
import { renderTable } from '../render/table.js';
import { UsageError } from '../usage-error.js';
import { watchJob } from './watch-job.js';

function statusFilter(context: CommandContext): { status?: JobStatus; type?: JobType } {
  const filter: { status?: JobStatus; type?: JobType } = {};
  const status = stringOption(context, 'status');
  if (status !== undefined) {
    const parsed = JobStatus.safeParse(status);
    if (!parsed.success) throw new UsageError(`--status must be one of ${JobStatus.options.join(', ')}`);
    filter.status = parsed.data;
  }
  const type = stringOption(context, 'type');
  if (type !== undefined) {
    const parsed = JobType.safeParse(type);
    if (!parsed.success) throw new UsageError(`--type must be one of ${JobType.options.join(', ')}`);
    filter.type = parsed.data;
  }
  return filter;
}

function jobRow(job: Job): string[] {
  // valLoss, the usual monitor, goes unnamed to keep the column narrow
  const best = job.best === null ? '—' : `${job.best.monitor === 'valLoss' ? '' : `${job.best.monitor} `}${formatNumber(job.best.value)} @${job.best.epoch}`;
  return [job.id, job.type, job.status, job.spec.name ?? '', `${job.progress.epoch}/${job.progress.epochs}`, best, job.modelId ?? '', job.createdAt.slice(0, 19).replace('T', ' ')];
}

async function list(context: CommandContext) {
  const limit = intOption(context, 'limit', { min: 1, max: 100, fallback: 20 });
  const params = { ...statusFilter(context), limit };
  let jobs: Job[] = [];
  if (context.options.all === true) {
    for await (const job of context.client.jobs.list(params, { signal: context.signal })) jobs.push(job);
  } else jobs = (await context.client.jobs.list(params, { signal: context.signal })).data;
  if (context.json) printJson(context, jobs);
  else if (jobs.length === 0) context.print('No jobs match. Start one: layerlab train spec.json --watch\n');
  else {
    const head = ['id', 'type', 'status', 'name', 'epoch', 'best (valLoss)', 'model', 'created (UTC)'];
    // on a narrow terminal: model, type, created, name, best go first (`jobs get` shows them all)
    context.print(renderTable(jobs.map(jobRow), { head, ...fitTo(context, [6, 1, 7, 3, 5]) }));
  }
  return EXIT.ok;
}

export const jobCommands: Command[] = [
  {
    name: 'jobs list',
    args: '',
    summary: 'List jobs, newest first',
    minArgs: 0,
    options: {
      status: { type: 'string', value: '<status>', description: 'queued, running, succeeded, failed or cancelled' },
      type: { type: 'string', value: '<type>', description: 'train, lr_finder or sweep_trial' },
      limit: { type: 'string', value: '<n>', description: 'page size (1–100, default 20)' },
      all: { type: 'boolean', description: 'every page, not just the first' },
    },
    examples: ['layerlab jobs list --status running', 'layerlab jobs list --all --json'],
    run: list,
  },
  {
    name: 'jobs get',
    args: '<job>',
    summary: 'Show a job: status, epochs, best epoch, test metrics, model',
    minArgs: 1,
    async run(context) {
      const job = await context.client.jobs.retrieve(context.args[0] as string, { signal: context.signal });
      if (context.json) printJson(context, job);
      else context.print(jobSummary(job, context.style));
      return EXIT.ok;
    },
  },
  {
    name: 'jobs cancel',
    args: '<job>',
    summary: 'Cancel a queued or running job (a running one stops within an epoch)',
    minArgs: 1,
    async run(context) {
      const job = await context.client.jobs.cancel(context.args[0] as string, { signal: context.signal });
      if (context.json) printJson(context, job);
      else if (job.status === 'cancelled') context.print(`Cancelled ${job.id}\n`);
      else context.print(`Cancel requested: ${job.id} stops at the end of its current epoch\n`);
      return EXIT.ok;
    },
  },
  {
    name: 'jobs watch',
    args: '<job>',
    summary: 'Follow a job live until it ends (exit 3 if it fails, 4 if cancelled)',
    minArgs: 1,
    run: (context) => watchJob(context, context.args[0] as string),
  },
];
