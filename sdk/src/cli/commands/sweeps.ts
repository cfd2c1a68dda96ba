import { APIUserAbortError, type SweepCreateParams } from '../../client/index.js';
import type { Sweep, SweepPlan, SweepRun } from '../../spec/index.js';
import { fitTo, intOption, printJson, type Command, type CommandContext } from '../command.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { readJsonObject } from '../read-input.js';
import { formatNumber } from '../render/format.js';
import { renderTable } from '../render/table.js';

const SHORT_NAMES: Record<string, string> = { learningRate: 'lr' };

function paramsText(params: Record<string, unknown>): string {
  // the last path segment (learningRate as lr) and the value as the user wrote it (0.0001, not 1.00e-4)
  return Object.entries(params)
    .map(([path, value]) => {
      const name = path.split('.').pop() as string;
      return `${SHORT_NAMES[name] ?? name}=${typeof value === 'string' ? value : JSON.stringify(value)}`;
    })
    .join(' ');
}

function noteText(run: SweepRun): string {
  const s = run.stoppedBy;
  if (s !== null) return `ASHA @${s.epoch}: ${s.rank}/${s.of}`;
  return run.status === 'succeeded' ? '' : run.status;
}

/** A sweep's runs ranked by its metric (best first, unfinished last), with why a trial stopped. */
export function leaderboard(sweep: Sweep, fit: { maxWidth?: number; droppable?: number[] } = {}): string {
  const sign = sweep.metric.goal === 'maximize' ? -1 : 1;
  const runs = [...sweep.runs].sort((a, b) => (a.metric === null ? 1 : b.metric === null ? -1 : sign * (a.metric - b.metric)));
  const rows = runs.map((run, rank) => [
    run.metric === null ? '' : String(rank + 1),
    run.jobId ?? '(pending)',
    formatNumber(run.metric),
    String(run.epochs),
    paramsText(run.params),
    noteText(run),
  ]);
  const goal = sweep.metric.goal === 'maximize' ? 'higher' : 'lower';
  const head = `${sweep.id}${sweep.name === null ? '' : ` "${sweep.name}"`} · ${sweep.status} · ${sweep.method} · ${sweep.runs.length}/${sweep.maxRuns} runs · ${sweep.metric.name}: ${goal} is better\n`;
  const best = sweep.best === null ? '' : `\n  best: ${sweep.best.jobId} ${sweep.metric.name} ${formatNumber(sweep.best.metric)} · ${paramsText(sweep.best.params)}\n`;
  const table = renderTable(rows, { head: ['#', 'job', sweep.metric.name, 'epochs', 'params', 'note'], alignRight: [0, 2, 3], ...fit });
  return `${head}\n${table}${best}`;
}

function planTable(plan: SweepPlan): string {
  return `${plan.count} trials (${plan.method}${plan.seed === null ? '' : `, seed ${plan.seed}`})\n\n${renderTable(
    plan.trials.map((trial) => [String(trial.index), paramsText(trial.params)]),
    { head: ['#', 'params'], alignRight: [0] },
  )}`;
}

function sweepExit(sweep: Sweep): ExitCode {
  return sweep.status === 'failed' ? EXIT.jobFailed : sweep.status === 'cancelled' ? EXIT.jobCancelled : EXIT.ok;
}

async function watch(context: CommandContext, id: string): Promise<ExitCode> {
  let last = '';
  try {
    const sweep = await context.client.sweeps.wait(id, {
      signal: context.signal,
      pollInterval: 2000,
      onPoll: (current) => {
        if (context.json) return;
        const done = current.runs.filter((run) => ['succeeded', 'failed', 'cancelled'].includes(run.status)).length;
        const line = `${current.status} · ${done}/${current.maxRuns} runs finished${current.best === null ? '' : ` · best ${current.metric.name} ${formatNumber(current.best.metric)}`}`;
        if (line !== last) context.note(`${line}\n`);
        last = line;
      },
    });
    if (context.json) printJson(context, sweep);
    else context.print(`\n${leaderboard(sweep, fitTo(context, [3]))}`);
    return sweepExit(sweep);
  } catch (error) {
    if (!(error instanceof APIUserAbortError)) throw error;
    context.note(`\nStopped watching ${id}; it keeps running. Stop it: layerlab sweeps cancel ${id}\n`);
    return EXIT.interrupted;
  }
}

export const sweepCommands: Command[] = [
  {
    name: 'sweeps create',
    args: '<sweep.json>',
    summary: 'Start a hyperparameter sweep (--dry-run lists its trials without running them)',
    minArgs: 1,
    options: {
      'dry-run': { type: 'boolean', description: 'print the trial list only' },
      watch: { type: 'boolean', short: 'w', description: 'follow it until it ends, then print the leaderboard' },
    },
    examples: ['layerlab sweeps create sweep.json --dry-run', 'layerlab sweeps create sweep.json --watch'],
    async run(context) {
      const params = (await readJsonObject(context.io, context.args[0] as string, 'sweep')) as SweepCreateParams;
      if (context.options['dry-run'] === true) {
        const plan = await context.client.sweeps.plan(params, { signal: context.signal });
        if (context.json) printJson(context, plan);
        else context.print(planTable(plan));
        return EXIT.ok;
      }
      const sweep = await context.client.sweeps.create(params, { signal: context.signal });
      if (context.options.watch === true) {
        if (!context.json) context.note(`Started ${sweep.id} · ${sweep.maxRuns} runs, ${sweep.parallelism} at a time (Ctrl-C stops watching)\n`);
        return watch(context, sweep.id);
      }
      if (context.json) printJson(context, sweep);
      else context.print(`Started ${sweep.id} · ${sweep.maxRuns} runs, ${sweep.parallelism} at a time\n`);
      if (!context.json) context.note(`Follow it: layerlab sweeps watch ${sweep.id}\n`);
      return EXIT.ok;
    },
  },
  {
    name: 'sweeps get',
    args: '<sweep>',
    summary: 'Show a sweep: runs ranked by its metric, early-stopped trials marked',
    minArgs: 1,
    async run(context) {
      const sweep = await context.client.sweeps.retrieve(context.args[0] as string, { signal: context.signal });
      if (context.json) printJson(context, sweep);
      else context.print(leaderboard(sweep, fitTo(context, [3])));
      return EXIT.ok;
    },
  },
  {
    name: 'sweeps list',
    args: '',
    summary: 'List sweeps, newest first',
    minArgs: 0,
    options: { limit: { type: 'string', value: '<n>', description: 'how many (1–100, default 20)' } },
    async run(context) {
      const page = await context.client.sweeps.list({ limit: intOption(context, 'limit', { min: 1, max: 100, fallback: 20 }) }, { signal: context.signal });
      if (context.json) printJson(context, page.data);
      else if (page.data.length === 0) context.print('No sweeps yet: layerlab sweeps create sweep.json\n');
      else {
        const rows = page.data.map((s) => [s.id, s.name ?? '', s.status, `${s.runs.length}/${s.maxRuns}`, s.best === null ? '—' : `${s.metric.name} ${formatNumber(s.best.metric)}`]);
        context.print(renderTable(rows, { head: ['id', 'name', 'status', 'runs', 'best'] }));
      }
      return EXIT.ok;
    },
  },
  {
    name: 'sweeps cancel',
    args: '<sweep>',
    summary: 'Cancel a sweep and its unfinished trials',
    minArgs: 1,
    async run(context) {
      const sweep = await context.client.sweeps.cancel(context.args[0] as string, { signal: context.signal });
      if (context.json) printJson(context, sweep);
      else context.print(`${sweep.status === 'cancelled' ? 'Cancelled' : 'Cancel requested:'} ${sweep.id}\n`);
      return EXIT.ok;
    },
  },
  {
    name: 'sweeps watch',
    args: '<sweep>',
    summary: 'Follow a sweep until it ends, then print the leaderboard',
    minArgs: 1,
    run: (context) => watch(context, context.args[0] as string),
  },
];
