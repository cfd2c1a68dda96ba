import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { OverheadResult } from './overhead.js';
import type { RunResult } from './run.js';

const START = '<!-- fmnist:start -->';
const END = '<!-- fmnist:end -->';

const fixed = (value: number | null, digits: number) => (value === null ? '—' : value.toFixed(digits));

/** The Fashion-MNIST section of BENCHMARKS.md (only that section is rewritten; the rest of the file stays). */
export async function writeBenchmarksSection(file: string, input: { command: string; overhead: OverheadResult | null; runs: RunResult[] }): Promise<void> {
  const lines = [
    START,
    '## Fashion-MNIST through the API (trainer: `model.type` mlp and cnn)',
    '',
    `Command: \`${input.command}\` (results in \`bench/results/fmnist.json\`). The CSV a user would upload (label + 784`,
    'pixel columns, from Debian\'s `dataset-fashion-mnist`) goes through the real local stack; accuracy is',
    '`Job.testMetrics.accuracy` on the 10,000-image test split the dataset ships (54,000 rows train, 6,000',
    'validate). Samples/s counts training rows per second of epoch time (validation included).',
    '',
    '| model | test accuracy | epochs (best) | train time | samples/s | backend |',
    '|---|---:|---:|---:|---:|---|',
    ...input.runs.map(
      (run) =>
        `| ${run.description} | **${fixed(run.testAccuracy, 4)}** | ${run.epochs} (${run.bestEpoch ?? '—'}) | ${(run.trainSeconds / 60).toFixed(1)} min | ${run.samplesPerSecond.toFixed(0)} | ${run.backend ?? '—'} |`,
    ),
    '',
    `Rows measured: ${input.runs.map((run) => `${run.name} ${run.date.slice(0, 16).replace('T', ' ')} UTC`).join(', ')} (\`--only mlp|cnn\` reruns one model and keeps the other's row).`,
    '',
  ];
  if (input.overhead !== null) {
    const o = input.overhead;
    lines.push(
      '### Training-loop overhead',
      '',
      `Same 784-256-128-10 model and initial weights, ${o.samples.toLocaleString('en')} images, batch ${o.batchSize}, ${o.backend} backend, same process, ${o.epochsEach} timed epochs each`,
      '(alternating, after one warm-up epoch each): Layerlab\'s `fit()` (its own Adam, callbacks, on-device sums) against a bare',
      'tfjs `model.fit` (tf.train.adam, accuracy metric).',
      '',
      '| loop | samples/s |',
      '|---|---:|',
      `| Layerlab fit() | ${o.layerlabSamplesPerSecond.toFixed(0)} |`,
      `| tfjs model.fit | ${o.tfjsFitSamplesPerSecond.toFixed(0)} |`,
      '',
      `Ratio ${o.ratio.toFixed(3)} (${o.overheadPercent >= 0 ? `${o.overheadPercent.toFixed(1)} % overhead` : `${(-o.overheadPercent).toFixed(1)} % faster`}; the goal is ≤ 10 % overhead).`,
      '',
    );
  }
  lines.push(END);
  const section = lines.join('\n');
  const current = existsSync(file) ? await readFile(file, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next = start !== -1 && end > start ? `${current.slice(0, start)}${section}${current.slice(end + END.length)}` : `${current.trimEnd()}\n\n${section}\n`;
  await writeFile(file, next);
}
