import { APIUserAbortError, type LrFinderCreateParams } from '../../client/index.js';
import type { LrFinderResult } from '../../spec/index.js';
import { intOption, numberOption, printJson, type Command, type CommandContext } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { renderChart } from '../render/chart.js';
import { formatLr } from '../render/format.js';
import type { Style } from '../render/style.js';
import { renderTable } from '../render/table.js';
import { exitCodeOf } from './watch-job.js';
import { SPEC_HELP, specFromArgs, specOptions } from './train.js';

const METHOD_TEXT = { steepest: 'steepest descent of the smoothed loss', half_divergence: 'half the lr where the loss diverged' } as const;

/** The range test as a chart (smoothed loss over a log lr axis, │ at the suggestion) and its numbers. */
export function lrFinderReport(result: LrFinderResult, options: { style: Style; width: number }): string {
  const chart = renderChart({
    series: [{ label: 'smoothed loss', mark: '•', points: result.curve.map((point) => ({ x: point.lr, y: point.smoothedLoss })) }],
    markers: [{ x: result.suggestion.lr, mark: options.style.green('│') }],
    logX: true,
    width: Math.max(30, Math.min(72, options.width - 16)),
    height: 14,
    formatX: formatLr,
  });
  const rows = [
    ['suggestion', `${options.style.bold(formatLr(result.suggestion.lr))}  (${METHOD_TEXT[result.suggestion.method]}; │ on the chart)`],
    ['diverged at', result.divergedAt === null ? 'never, within the range tried' : formatLr(result.divergedAt)],
    ['half of that', result.halfDivergence === null ? '—' : `${formatLr(result.halfDivergence)}  (the guide's rule of thumb)`],
    ['points', String(result.curve.length)],
  ];
  const use = `  Use it: "optimizer": { "learningRate": ${String(Number(result.suggestion.lr.toPrecision(2)))} }\n`;
  return `\n  smoothed loss by learning rate (log scale)\n\n${chart}\n${renderTable(rows)}\n${use}`;
}

async function run(context: CommandContext) {
  const spec = await specFromArgs(context);
  const settings: Record<string, number> = {};
  for (const [flag, key] of [['min-lr', 'minLr'], ['max-lr', 'maxLr']] as const) {
    const value = numberOption(context, flag);
    if (value !== undefined) settings[key] = value;
  }
  if (context.options.steps !== undefined) settings.steps = intOption(context, 'steps', { min: 10, max: 10000, fallback: 100 });
  const created = await context.client.lrFinder.create({ ...spec, ...settings } as LrFinderCreateParams, { signal: context.signal });
  if (!context.json) context.note(`Running the LR range test ${created.id} (Ctrl-C stops waiting; the job keeps running)…\n`);
  let job;
  try {
    job = await context.client.jobs.wait(created.id, { signal: context.signal, pollInterval: 500, rejectOnFailure: false });
  } catch (error) {
    if (!(error instanceof APIUserAbortError)) throw error;
    context.note(`\nStopped waiting; see it later with: layerlab jobs get ${created.id}\n`);
    return EXIT.interrupted;
  }
  if (job.status !== 'succeeded') {
    context.note(`${job.id} ${job.status}${job.error === null ? '' : `: ${job.error.code}: ${job.error.message}`}\n`);
    return exitCodeOf(job);
  }
  const result = context.client.lrFinder.result(job);
  if (context.json) printJson(context, { jobId: job.id, ...result });
  else context.print(lrFinderReport(result, { style: context.style, width: context.io.stdout.columns }));
  return EXIT.ok;
}

export const lrFindCommand: Command = {
  name: 'lr-find',
  args: '<spec.json>',
  summary: 'Run the learning-rate range test; print the loss curve and the suggested lr',
  minArgs: 1,
  options: {
    ...specOptions,
    'min-lr': { type: 'string', value: '<lr>', description: 'start of the range (default 1e-6)' },
    'max-lr': { type: 'string', value: '<lr>', description: 'end of the range (default 10)' },
    steps: { type: 'string', value: '<n>', description: 'batches tried (10–10000, default 100)' },
  },
  examples: ['layerlab lr-find spec.json', 'layerlab lr-find spec.json --min-lr 1e-5 --max-lr 1 --steps 200'],
  details: `The learning rate grows geometrically from --min-lr to --max-lr, one step per batch; the
suggestion is where the smoothed loss falls fastest. ${SPEC_HELP}`,
  run,
};
