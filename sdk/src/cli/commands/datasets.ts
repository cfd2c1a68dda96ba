import type { Dataset } from '../../spec/index.js';
import { fitTo, intOption, printJson, stringOption, type Command, type CommandContext } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { userPath } from '../io.js';
import { isFile } from '../read-input.js';
import { formatBytes, formatNumber } from '../render/format.js';
import { renderTable } from '../render/table.js';
import { UsageError } from '../usage-error.js';

/** A dataset's header and column profile, as printed after an upload and by `datasets get`. */
export function datasetProfile(dataset: Dataset): string {
  const head = `${dataset.name}  ${dataset.id}  ${formatNumber(dataset.rows)} rows · ${dataset.columns.length} columns · ${formatBytes(dataset.sizeBytes)}\n\n`;
  const rows = dataset.columns.map((column) => {
    const stats =
      column.type === 'numeric'
        ? `min ${formatNumber(column.min)} · max ${formatNumber(column.max)} · mean ${formatNumber(column.mean)} · std ${formatNumber(column.std)}`
        : `top ${(column.top ?? []).slice(0, 3).map((entry) => `${entry.value} (${entry.count})`).join(', ')}`;
    return [column.name, column.type, String(column.missing), String(column.distinct), stats];
  });
  return head + renderTable(rows, { head: ['column', 'type', 'missing', 'distinct', 'summary'], alignRight: [2, 3] });
}

async function upload(context: CommandContext) {
  const file = context.args[0] as string;
  if (!(await isFile(context.io, file))) throw new UsageError(`${file}: no such file (looked in ${userPath(context.io, file)})`);
  const name = stringOption(context, 'name');
  const dataset = await context.client.datasets.upload({ path: userPath(context.io, file), ...(name === undefined ? {} : { name }) }, { signal: context.signal });
  if (context.json) printJson(context, dataset);
  else {
    context.print(`Uploaded ${file} → ${dataset.id}\n\n${datasetProfile(dataset)}`);
    context.note(`\nNext: put "dataset": "${dataset.id}" and a "target" column in a spec, then: layerlab train spec.json --watch\n`);
  }
  return EXIT.ok;
}

async function list(context: CommandContext) {
  const limit = intOption(context, 'limit', { min: 1, max: 100, fallback: 20 });
  const page = await context.client.datasets.list({ limit }, { signal: context.signal });
  if (context.json) printJson(context, page.data);
  else if (page.data.length === 0) context.print('No datasets yet: layerlab datasets upload <file.csv>\n');
  else {
    const rows = page.data.map((d) => [d.id, d.name, formatNumber(d.rows), String(d.columns.length), formatBytes(d.sizeBytes), d.createdAt.slice(0, 19).replace('T', ' ')]);
    context.print(renderTable(rows, { head: ['id', 'name', 'rows', 'columns', 'size', 'created (UTC)'], alignRight: [2, 3, 4], ...fitTo(context, [5, 3, 4]) }));
  }
  return EXIT.ok;
}

export const datasetCommands: Command[] = [
  {
    name: 'datasets upload',
    args: '<file.csv>',
    summary: 'Upload a CSV (header row; delimiter sniffed) and print its column profile',
    minArgs: 1,
    options: { name: { type: 'string', value: '<name>', description: 'dataset name (default: the file name)' } },
    examples: ['layerlab datasets upload houses.csv', 'layerlab datasets upload data/train.csv --name fmnist'],
    run: upload,
  },
  {
    name: 'datasets list',
    args: '',
    summary: 'List datasets, newest first',
    minArgs: 0,
    options: { limit: { type: 'string', value: '<n>', description: 'how many (1–100, default 20)' } },
    run: list,
  },
  {
    name: 'datasets get',
    args: '<dataset>',
    summary: 'Show a dataset and its column profile',
    minArgs: 1,
    async run(context) {
      const dataset = await context.client.datasets.retrieve(context.args[0] as string, { signal: context.signal });
      if (context.json) printJson(context, dataset);
      else context.print(datasetProfile(dataset));
      return EXIT.ok;
    },
  },
  {
    name: 'datasets delete',
    args: '<dataset>',
    summary: 'Delete a dataset (refused while an unfinished job uses it)',
    minArgs: 1,
    async run(context) {
      const id = context.args[0] as string;
      await context.client.datasets.delete(id, { signal: context.signal });
      if (context.json) printJson(context, { id, deleted: true });
      else context.print(`Deleted ${id}\n`);
      return EXIT.ok;
    },
  },
];
