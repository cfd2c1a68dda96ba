import { NotFoundError } from '../../client/index.js';
import { COMPARE_METRICS, MAXIMIZED_METRICS, camelMetric, type Comparison, type CompareMetric, type Job, type MetricName } from '../../spec/index.js';
import { printJson, stringOption, type Command, type CommandContext } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { renderChart } from '../render/chart.js';
import { formatNumber } from '../render/format.js';
import { renderTable } from '../render/table.js';
import { UsageError } from '../usage-error.js';

const MARKS = ['•', '+', 'x', 'o', '*', '#', '%', '@'];

/** Dotted paths → JSON values of a nested object: { model: { hidden: 2 } } → { "model.hidden": "2" }. */
export function flatten(value: unknown, prefix = ''): Record<string, string> {
  // strings print bare (ids, names); everything else as JSON
  if (typeof value === 'string') return { [prefix]: value };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { [prefix]: JSON.stringify(value) };
  const out: Record<string, string> = {};
  for (const [key, inner] of Object.entries(value)) Object.assign(out, flatten(inner, prefix === '' ? key : `${prefix}.${key}`));
  return out;
}

/** The spec paths whose values differ between jobs, with each job's value. */
export function specDifferences(jobs: Job[]): [string, ...string[]][] {
  const flat = jobs.map((job) => flatten(job.spec));
  const paths = [...new Set(flat.flatMap((entry) => Object.keys(entry)))].sort();
  return paths
    .filter((path) => new Set(flat.map((entry) => entry[path] ?? '—')).size > 1)
    .map((path) => [path, ...flat.map((entry) => entry[path] ?? '—')]);
}

/** GET /v1/compare, or (on an API without that route) the same series built from each job's metrics. */
async function comparison(context: CommandContext, jobs: Job[], metric: CompareMetric): Promise<Comparison> {
  try {
    return await context.client.jobs.compare({ jobs: jobs.map((job) => job.id), metric }, { signal: context.signal });
  } catch (error) {
    if (!(error instanceof NotFoundError) || !/no route/i.test(error.problem?.detail ?? '')) throw error;
  }
  const histories = await Promise.all(jobs.map((job) => context.client.jobs.metrics(job.id, { signal: context.signal })));
  const epochs = [...new Set(histories.flatMap((h) => h.history.map((entry) => entry.epoch)))].sort((a, b) => a - b);
  const goal = MAXIMIZED_METRICS.has(metric as MetricName) ? 'maximize' : 'minimize';
  const series = jobs.map((job, index) => {
    const byEpoch = new Map((histories[index]?.history ?? []).map((entry) => [entry.epoch, entry[metric]]));
    const values = epochs.map((epoch) => byEpoch.get(epoch) ?? null);
    let best: { epoch: number; value: number } | null = null;
    values.forEach((value, k) => {
      if (value === null) return;
      if (best === null || (goal === 'maximize' ? value > best.value : value < best.value)) best = { epoch: epochs[k] as number, value };
    });
    return { jobId: job.id, name: job.spec.name ?? null, type: job.type, status: job.status, sweepId: job.sweepId, values, best };
  });
  return { metric, goal, epochs, series };
}

function sideBySide(jobs: Job[], data: Comparison): string[][] {
  const cell = (f: (job: Job, index: number) => string) => jobs.map(f);
  const rows: string[][] = [
    ['name', ...cell((job) => job.spec.name ?? '—')],
    ['status', ...cell((job) => job.status)],
    ['epochs', ...cell((job) => `${job.progress.epoch}/${job.progress.epochs}${job.stoppedEarly ? ' (early stop)' : ''}`)],
    ['best', ...cell((job) => (job.best === null ? '—' : `${job.best.monitor} ${formatNumber(job.best.value)} @${job.best.epoch}`))],
    [`best ${data.metric}`, ...cell((_, i) => {
      const best = data.series[i]?.best;
      return best === null || best === undefined ? '—' : `${formatNumber(best.value)} @${best.epoch}`;
    })],
    ['final loss', ...cell((job) => formatNumber(job.metrics?.loss))],
    ['final valLoss', ...cell((job) => formatNumber(job.metrics?.valLoss))],
  ];
  const testKeys = [...new Set(jobs.flatMap((job) => Object.keys(job.testMetrics ?? {})))];
  for (const key of testKeys) rows.push([`test ${key}`, ...cell((job) => formatNumber(job.testMetrics?.[key]))]);
  return rows;
}

export const compareCommand: Command = {
  name: 'compare',
  args: '<job> <job>...',
  summary: 'Compare runs side by side: outcomes, spec differences, one metric charted by epoch',
  minArgs: 2,
  maxArgs: 20,
  options: { metric: { type: 'string', value: '<metric>', description: `charted metric (default valLoss): ${COMPARE_METRICS.join(', ')}` } },
  examples: ['layerlab compare job_a job_b', 'layerlab compare job_a job_b job_c --metric valAccuracy'],
  async run(context) {
    const metric = camelMetric(stringOption(context, 'metric') ?? 'valLoss') as CompareMetric;
    if (!COMPARE_METRICS.includes(metric)) throw new UsageError(`--metric must be one of ${COMPARE_METRICS.join(', ')}`);
    const jobs = await Promise.all(context.args.map((id) => context.client.jobs.retrieve(id, { signal: context.signal })));
    const data = await comparison(context, jobs, metric);
    if (context.json) {
      printJson(context, { comparison: data, jobs });
      return EXIT.ok;
    }
    // jobs get a mark and a letter; ids, names and models are listed once, above the tables
    const label = (i: number) => `${MARKS[i % MARKS.length]} ${String.fromCharCode(65 + i)}`;
    const legend = renderTable(jobs.map((job, i) => [label(i), job.id, job.spec.name ?? '', job.modelId ?? '']));
    let out = `${legend}\n${renderTable(sideBySide(jobs, data), { head: ['', ...jobs.map((_, i) => label(i))] })}`;
    const differences = specDifferences(jobs);
    out += differences.length === 0 ? '\n  The specs are identical.\n' : `\n  Spec differences\n${renderTable(differences, { head: ['path', ...jobs.map((_, i) => label(i))] })}`;
    const series = data.series.map((s, i) => ({
      label: s.name ?? s.jobId,
      mark: MARKS[i % MARKS.length] as string,
      points: data.epochs.flatMap((epoch, k) => (s.values[k] === null || s.values[k] === undefined ? [] : [{ x: epoch, y: s.values[k] as number }])),
    }));
    out += `\n  ${data.metric} by epoch (${data.goal === 'minimize' ? 'lower' : 'higher'} is better)\n\n`;
    out += renderChart({ series, width: Math.max(30, Math.min(72, context.io.stdout.columns - 16)), height: 12, formatX: (x) => String(Math.round(x)) });
    context.print(out);
    return EXIT.ok;
  },
};
