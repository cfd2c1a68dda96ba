/**
 * Fashion-MNIST through the real API: Debian's dataset-fashion-mnist (installed if missing) as the
 * CSV a user would upload (label + 784 pixels), the local stack (API + trainer process + folder
 * store), an MLP with the guide's recipe and a small CNN, each followed to the end; test accuracy
 * is read from Job.testMetrics, on exactly the 10,000-image test split the dataset ships. Also
 * measures the trainer loop's overhead against a bare tfjs model.fit in this process.
 *
 *   pnpm bench:fmnist [--only mlp|cnn] [--epochs N] [--skip-overhead]
 *
 * Writes bench/results/fmnist.json and the Fashion-MNIST section of BENCHMARKS.md.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { selectBackend } from '../../trainer/src/backend.js';
import { startLocalStack, type LocalStack } from '../../tests/support/local-stack.js';
import { ensureDataset, fashionCsv } from './dataset.js';
import { measureOverhead, type OverheadResult } from './overhead.js';
import { RUNS, TRAIN_ROWS, type BenchRun } from './specs.js';
import { writeBenchmarksSection } from './report.js';

const here = import.meta.dirname;
const COMMAND = 'pnpm bench:fmnist';
const option = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : (process.argv[at + 1] ?? '');
};

export interface RunResult {
  name: string;
  /** When this run finished (a `--only` rerun keeps the other model's earlier row). */
  date: string;
  description: string;
  jobId: string;
  status: string;
  testAccuracy: number | null;
  testLoss: number | null;
  epochs: number;
  bestEpoch: number | null;
  stoppedEarly: boolean;
  trainRows: number;
  trainSeconds: number;
  wallSeconds: number;
  samplesPerSecond: number;
  backend: string | null;
  spec: Record<string, unknown>;
}

async function follow(stack: LocalStack, jobId: string): Promise<Record<string, any>> {
  let seen = 0;
  for (;;) {
    const job = (await (await stack.request(`/v1/jobs/${jobId}`)).json()) as Record<string, any>;
    const epoch = job.progress?.epoch ?? 0;
    if (epoch > seen && job.metrics !== null) {
      seen = epoch;
      const m = job.metrics;
      console.error(`  epoch ${m.epoch}: loss ${m.loss.toFixed(4)} acc ${m.accuracy?.toFixed(4)} valLoss ${m.valLoss?.toFixed(4)} valAcc ${m.valAccuracy?.toFixed(4)} lr ${m.lr.toExponential(2)} ${m.seconds.toFixed(1)} s`);
    }
    if (['succeeded', 'failed', 'cancelled'].includes(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function train(stack: LocalStack, dataset: string, run: BenchRun, epochs: number | undefined): Promise<RunResult> {
  const spec = { ...run.spec(dataset), ...(epochs === undefined ? {} : { epochs }) };
  console.error(`${run.name}: ${run.description}`);
  const started = Date.now();
  const response = await stack.request('/v1/jobs', { method: 'POST', json: spec });
  if (response.status !== 201) throw new Error(`POST /v1/jobs (${run.name}): ${response.status} ${await response.text()}`);
  const job = await follow(stack, ((await response.json()) as { id: string }).id);
  const wallSeconds = (Date.now() - started) / 1000;
  const history = ((await (await stack.request(`/v1/jobs/${job.id}/metrics`)).json()) as { history: { seconds: number }[] }).history;
  const trainSeconds = history.reduce((sum, epoch) => sum + epoch.seconds, 0);
  const trainRows = TRAIN_ROWS;
  if (job.status !== 'succeeded') console.error(`  ${run.name} ${job.status}: ${JSON.stringify(job.error)}`);
  return {
    name: run.name,
    date: new Date().toISOString(),
    description: run.description,
    jobId: job.id,
    status: job.status,
    testAccuracy: job.testMetrics?.accuracy ?? null,
    testLoss: job.testMetrics?.loss ?? null,
    epochs: history.length,
    bestEpoch: job.best?.epoch ?? null,
    stoppedEarly: job.stoppedEarly,
    trainRows,
    trainSeconds,
    wallSeconds,
    samplesPerSecond: (trainRows * history.length) / trainSeconds,
    backend: job.backend,
    spec: job.spec,
  };
}

async function main(): Promise<void> {
  ensureDataset();
  const csv = await fashionCsv(join(here, '..', '.cache'));
  const only = option('only');
  const epochs = option('epochs') === undefined ? undefined : Number(option('epochs'));
  const resultsFile = join(here, '..', 'results', 'fmnist.json');
  const previous = existsSync(resultsFile) ? (JSON.parse(await readFile(resultsFile, 'utf8')) as { runs?: RunResult[]; overhead?: OverheadResult }) : {};

  let overhead = previous.overhead ?? null;
  if (option('skip-overhead') === undefined) {
    const { backend } = await selectBackend('auto', () => undefined);
    console.error(`loop overhead on ${backend}: our fit() against tfjs model.fit, 784-256-128-10, batch 64…`);
    overhead = await measureOverhead({ samples: 20000, batchSize: 64, epochs: 4 });
    console.error(`  ours ${overhead.layerlabSamplesPerSecond.toFixed(0)} samples/s, model.fit ${overhead.tfjsFitSamplesPerSecond.toFixed(0)} samples/s, ratio ${overhead.ratio.toFixed(3)}`);
  }

  const stack = await startLocalStack({ LAYERLAB_MAX_BODY_BYTES: String(512 * 1024 * 1024), LAYERLAB_RATE_LIMIT_PER_MINUTE: '0' });
  const runs: RunResult[] = (previous.runs ?? []).filter((run) => only !== undefined && run.name !== only);
  try {
    const upload = await stack.request('/v1/datasets?name=fashion-mnist', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: await readFile(csv.path) });
    if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${await upload.text()}`);
    const dataset = ((await upload.json()) as { id: string; rows: number }).id;
    for (const run of RUNS.filter((r) => only === undefined || r.name === only)) {
      const result = await train(stack, dataset, run, epochs);
      console.error(`  → test accuracy ${result.testAccuracy?.toFixed(4)} after ${result.epochs} epochs, ${result.samplesPerSecond.toFixed(0)} samples/s`);
      runs.push(result);
    }
  } finally {
    await stack.stop();
  }
  runs.sort((a, b) => RUNS.findIndex((r) => r.name === a.name) - RUNS.findIndex((r) => r.name === b.name));
  const results = {
    date: new Date().toISOString(),
    command: COMMAND,
    machine: '2 shared CPU cores (other jobs running alongside), no GPU',
    split: 'the shipped test split (10,000 rows) in Job.testMetrics; of the shipped 60,000 training rows, 6,000 validate and 54,000 train (specs.ts)',
    overhead,
    runs,
  };
  await mkdir(join(here, '..', 'results'), { recursive: true });
  await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  await writeBenchmarksSection(join(here, '..', '..', 'BENCHMARKS.md'), { command: COMMAND, overhead, runs });
  console.log(JSON.stringify({ overhead, runs: runs.map(({ spec: _spec, ...rest }) => rest) }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
