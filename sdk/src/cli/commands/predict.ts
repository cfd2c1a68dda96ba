import type { Prediction, Row } from '../../spec/index.js';
import { printJson, type Command, type CommandContext } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { isFile, readJsonFile } from '../read-input.js';
import { formatNumber, formatPercent } from '../render/format.js';
import { renderTable } from '../render/table.js';
import { UsageError } from '../usage-error.js';

/** Rows from a file, stdin (`-`) or inline JSON; a file may hold `[rows]`, `{ "rows": [...] }` or one row. */
export async function readRows(context: CommandContext, source: string): Promise<Row[]> {
  const inline = !(await isFile(context.io, source)) && /^\s*[[{]/.test(source);
  let value: unknown;
  if (inline) {
    try {
      value = JSON.parse(source);
    } catch (error) {
      throw new UsageError(`the inline rows are not valid JSON: ${(error as Error).message}`);
    }
  } else value = await readJsonFile(context.io, source);
  const rows = Array.isArray(value) ? value : value !== null && typeof value === 'object' && 'rows' in value ? (value as { rows: unknown }).rows : [value];
  if (!Array.isArray(rows) || rows.length === 0 || rows.some((row) => row === null || typeof row !== 'object' || Array.isArray(row))) {
    throw new UsageError(`${inline ? 'the inline rows' : source}: expected a JSON object per row, e.g. [{ "sqft": 1200, "rooms": 3 }]`);
  }
  return rows as Row[];
}

function top(probabilities: Record<string, number>, count: number): string {
  return Object.entries(probabilities)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([label, p]) => `${label} ${formatPercent(p)}`)
    .join(', ');
}

/** One prediction as table cells: the answer, then its detail. */
export function predictionCells(prediction: Prediction): [string, string] {
  if ('label' in prediction) return [prediction.label, top(prediction.probabilities, 3)];
  if ('labels' in prediction) return [prediction.labels.join(', ') || '(none ≥ 50%)', top(prediction.probabilities, 3)];
  if ('value' in prediction) return [formatNumber(prediction.value), ''];
  return [Object.entries(prediction.values).map(([name, value]) => `${name} ${formatNumber(value)}`).join(', '), ''];
}

export const predictCommand: Command = {
  name: 'predict',
  args: '<model> <rows.json|->',
  summary: 'Predict from raw rows (JSON file, - for stdin, or inline JSON)',
  minArgs: 2,
  examples: ['layerlab predict mdl_01J... rows.json', `layerlab predict mdl_01J... '{"sqft": 1200, "rooms": 3}'`],
  details: `rows.json holds raw feature values (the model scales and encodes them itself):
  [{ "sqft": 1400, "rooms": 3, "neighborhood": "suburb" }, ...]   or   { "rows": [...] }
A missing feature can be sent as null to have it imputed. Up to 1,000 rows a call.`,
  async run(context) {
    const [model, source] = context.args as [string, string];
    const rows = await readRows(context, source);
    const result = await context.client.models.predict(model, { rows }, { signal: context.signal });
    if (context.json) printJson(context, result);
    else {
      const cells = result.predictions.map((prediction, index) => [String(index + 1), ...predictionCells(prediction)]);
      const classify = result.predictions.some((prediction) => 'probabilities' in prediction);
      context.print(renderTable(cells, { head: ['row', 'prediction', classify ? 'top probabilities' : ''], alignRight: [0] }));
    }
    return EXIT.ok;
  },
};
