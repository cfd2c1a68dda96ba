import { METRIC_NAMES, type EpochMetrics } from '../../spec/index.js';
import { printJson, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { formatNumber } from '../render/format.js';
import { renderTable } from '../render/table.js';

const COLUMNS = ['epoch', ...METRIC_NAMES, 'lr', 'seconds'] as const satisfies readonly (keyof EpochMetrics)[];

/** The columns any epoch of the history has, in a fixed order. */
export function metricColumns(history: EpochMetrics[]): (keyof EpochMetrics)[] {
  return COLUMNS.filter((column) => history.some((entry) => entry[column] !== undefined));
}

/** The history as CSV: a header row, then one row per epoch, empty cells where a metric is absent. */
export function metricsCsv(history: EpochMetrics[]): string {
  const columns = metricColumns(history);
  const lines = history.map((entry) => columns.map((column) => (entry[column] === undefined ? '' : String(entry[column]))).join(','));
  return `${[columns.join(','), ...lines].join('\n')}\n`;
}

export const metricsCommand: Command = {
  name: 'metrics',
  args: '<job>',
  summary: "Print a job's per-epoch metrics (a table, --csv or --json)",
  minArgs: 1,
  options: { csv: { type: 'boolean', description: 'CSV with a header row (for spreadsheets, pandas)' } },
  examples: ['layerlab metrics job_01J... --csv > history.csv'],
  async run(context) {
    const { history } = await context.client.jobs.metrics(context.args[0] as string, { signal: context.signal });
    if (context.json) printJson(context, history);
    else if (context.options.csv === true) context.io.stdout.write(metricsCsv(history));
    else if (history.length === 0) context.print('No finished epochs yet.\n');
    else {
      const columns = metricColumns(history);
      const rows = history.map((entry) => columns.map((column) => formatNumber(entry[column])));
      context.print(renderTable(rows, { head: columns, alignRight: columns.map((_, index) => index) }));
    }
    return EXIT.ok;
  },
};
