import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactName } from '../../client/index.js';
import type { Model } from '../../spec/index.js';
import { printJson, stringOption, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { userPath } from '../io.js';
import { formatBytes, formatNumber } from '../render/format.js';
import { renderTable } from '../render/table.js';

function modelCard(model: Model): string {
  const target = Array.isArray(model.target) ? model.target.join(', ') : model.target;
  const rows = [
    ['model', model.id],
    ['job', model.jobId],
    ['task', `${model.task} · target ${target}${model.classes === undefined ? '' : ` · classes ${model.classes.join(', ')}`}`],
    ['features', `${model.features.length}: ${model.features.slice(0, 8).map((f) => f.name).join(', ')}${model.features.length > 8 ? ', …' : ''}`],
    ['layers', model.architecture.layers.map((l) => `${l.type}${l.units === undefined ? '' : `(${l.units}${l.activation === undefined ? '' : `, ${l.activation}`})`}`).join(' → ')],
    ['parameters', formatNumber(model.architecture.params)],
    ['test', Object.entries(model.testMetrics).map(([name, value]) => `${name} ${formatNumber(value)}`).join(' · ')],
    ['backend', model.backend],
  ];
  return renderTable(rows);
}

export const modelCommands: Command[] = [
  {
    name: 'models get',
    args: '<model>',
    summary: 'Show a model card: task, features, classes, layers, test metrics',
    minArgs: 1,
    async run(context) {
      const model = await context.client.models.retrieve(context.args[0] as string, { signal: context.signal });
      if (context.json) printJson(context, model);
      else context.print(modelCard(model));
      return EXIT.ok;
    },
  },
  {
    name: 'models download',
    args: '<model>',
    summary: 'Save model.json, weights.bin and preprocessing.json (TensorFlow.js LayersModel)',
    minArgs: 1,
    options: { out: { type: 'string', value: '<dir>', description: 'folder to write (default: ./<model id>)' } },
    async run(context) {
      const id = context.args[0] as string;
      const dir = userPath(context.io, stringOption(context, 'out') ?? id);
      const artifacts = await context.client.models.artifacts(id, { signal: context.signal });
      await mkdir(dir, { recursive: true });
      const written = [];
      for (const file of artifacts.files) {
        const bytes = await context.client.models.downloadArtifact(id, file.name as ArtifactName, { signal: context.signal });
        await writeFile(join(dir, file.name), bytes);
        written.push({ name: file.name, path: join(dir, file.name), sizeBytes: bytes.byteLength });
      }
      if (context.json) printJson(context, { modelId: id, dir, files: written });
      else {
        context.print(renderTable(written.map((file) => [file.path, formatBytes(file.sizeBytes)]), { alignRight: [1] }));
        context.note(`Load it: tf.loadLayersModel('file://${join(dir, 'model.json')}') with @tensorflow/tfjs-node\n`);
      }
      return EXIT.ok;
    },
  },
];
