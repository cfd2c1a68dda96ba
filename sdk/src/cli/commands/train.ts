import type { TrainingSpecParams } from '../../client/index.js';
import { printJson, stringOption, type Command, type CommandContext } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { userPath } from '../io.js';
import { isFile, readJsonObject } from '../read-input.js';
import { UsageError } from '../usage-error.js';
import { watchJob } from './watch-job.js';

/** What a spec file holds, for `--help`. */
export const SPEC_HELP = `spec.json is a TrainingSpec. Every field but "dataset" and "target" has a default:
  { "dataset": "ds_...", "target": "price", "epochs": 100,
    "model": { "hidden": { "layers": 2, "units": 64 } },
    "optimizer": { "name": "adam", "learningRate": 0.003 },
    "earlyStopping": { "monitor": "val_loss", "patience": 10 } }
Every field and its default: the API's /docs page (e.g. http://127.0.0.1:8787/docs).`;

/**
 * A spec file with the command line's overrides applied. `--dataset` takes an id or a CSV path;
 * a path is uploaded first, so `layerlab train spec.json --dataset houses.csv` works in one go.
 */
export async function specFromArgs(context: CommandContext): Promise<Record<string, unknown>> {
  const file = context.args[0] as string;
  const spec = await readJsonObject(context.io, file, 'training spec');
  const dataset = stringOption(context, 'dataset');
  if (dataset !== undefined) {
    if (await isFile(context.io, dataset)) {
      const uploaded = await context.client.datasets.upload({ path: userPath(context.io, dataset) }, { signal: context.signal });
      context.note(`Uploaded ${dataset} → ${uploaded.id} (${uploaded.rows} rows)\n`);
      spec.dataset = uploaded.id;
    } else spec.dataset = dataset;
  }
  const target = stringOption(context, 'target');
  if (target !== undefined) spec.target = target;
  const name = stringOption(context, 'name');
  if (name !== undefined) spec.name = name;
  if (spec.dataset === undefined) throw new UsageError(`${file} has no "dataset": add "dataset": "ds_..." or pass --dataset <id|file.csv>`);
  if (spec.target === undefined) throw new UsageError(`${file} has no "target": add the column to predict, or pass --target <column>`);
  return spec;
}

export const specOptions = {
  dataset: { type: 'string', value: '<id|file.csv>', description: 'use this dataset (a CSV path is uploaded first)' },
  target: { type: 'string', value: '<column>', description: 'the column to predict' },
  name: { type: 'string', value: '<name>', description: 'a name for the run' },
} as const;

export const trainCommand: Command = {
  name: 'train',
  args: '<spec.json>',
  summary: 'Start a training job from a spec; --watch follows it epoch by epoch',
  minArgs: 1,
  options: {
    ...specOptions,
    watch: { type: 'boolean', short: 'w', description: 'follow the run live, then print a summary table' },
  },
  examples: ['layerlab train spec.json --watch', 'layerlab train spec.json --dataset houses.csv --target price --watch'],
  details: SPEC_HELP,
  async run(context) {
    const spec = await specFromArgs(context);
    const job = await context.client.jobs.create(spec as TrainingSpecParams, { signal: context.signal });
    if (context.options.watch === true) return watchJob(context, job.id);
    if (context.json) printJson(context, job);
    else {
      context.print(`Started ${job.id} (${job.status}) · ${job.spec.task} · target ${String(job.spec.target)}\n`);
      context.note(`Follow it: layerlab jobs watch ${job.id}\n`);
    }
    return EXIT.ok;
  },
};
