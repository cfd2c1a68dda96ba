/**
 * Layerlab's defaults vs scikit-learn's MLP on real datasets that ship inside Debian's
 * python3-sklearn (iris, wine, breast cancer, digits, diabetes). For each dataset: upload the CSV
 * through the real local stack, train with only `dataset` and `target` given (every other field
 * defaulted), seeds 1–3; compare test metrics with sklearn's range (reference.py, 5 seeds).
 *
 *   pnpm bench:sklearn            (needs: apt-get install python3-sklearn)
 */
import { startNodeServer } from '@layerlab/api/node';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cache = join(here, '..', '.cache', 'sklearn');
const resultsFile = join(here, '..', 'results', 'sklearn-compare.json');
const DATASETS = ['iris', 'wine', 'breast_cancer', 'digits', 'diabetes'] as const;
const SEEDS = [1, 2, 3];

interface Reference {
  rows: number;
  features: number;
  metric: 'accuracy' | 'r2';
  plain: { mean: number; min: number; max: number };
  tuned: { mean: number; min: number; max: number };
}

function ensureReference(): Record<string, Reference> {
  const file = join(cache, 'sklearn.json');
  if (!existsSync(file)) {
    if (!existsSync('/usr/lib/python3/dist-packages/sklearn')) {
      console.error('installing Debian python3-sklearn (the datasets ship inside it)…');
      execFileSync('apt-get', ['install', '-y', '-qq', 'python3-sklearn'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    }
    execFileSync('/usr/bin/python3', [join(here, 'reference.py'), cache], { stdio: 'inherit' });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, Reference>;
}

async function main(): Promise<void> {
  const reference = ensureReference();
  const dataDir = await mkdtemp(join(tmpdir(), 'layerlab-bench-'));
  const server = await startNodeServer({ PORT: '0', LAYERLAB_DATA_DIR: dataDir, LAYERLAB_SCHEDULER_INTERVAL_MS: '200', LAYERLAB_RATE_LIMIT_PER_MINUTE: '0' });
  const call = async (path: string, init?: RequestInit) => (await fetch(`${server.url}${path}`, init)).json() as Promise<Record<string, any>>;
  const results: Record<string, unknown> = {};
  try {
    for (const name of DATASETS) {
      const csv = readFileSync(join(cache, `${name}.csv`));
      const dataset = await call(`/v1/datasets?name=${name}`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
      const runs: { seed: number; value: number; epochs: number; seconds: number; task: string }[] = [];
      for (const seed of SEEDS) {
        const started = Date.now();
        const created = await call('/v1/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dataset: dataset.id, target: 'target', seed }) });
        let job = created;
        while (!['succeeded', 'failed', 'cancelled'].includes(job.status)) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          job = await call(`/v1/jobs/${created.id}`);
        }
        if (job.status !== 'succeeded') throw new Error(`${name} seed ${seed}: ${JSON.stringify(job.error)}`);
        const metric = reference[name]?.metric ?? 'accuracy';
        runs.push({ seed, value: job.testMetrics[metric], epochs: job.progress.epoch, seconds: (Date.now() - started) / 1000, task: job.spec.task });
      }
      const values = runs.map((r) => r.value);
      results[name] = { reference: reference[name], layerlab: { runs, mean: values.reduce((a, b) => a + b, 0) / values.length, min: Math.min(...values), max: Math.max(...values) } };
      console.error(`${name}: ${values.map((v) => v.toFixed(3)).join(', ')}`);
    }
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify({ date: new Date().toISOString(), backend: 'see runs', results }, null, 2)}\n`);
  console.log('| dataset | rows × features | task | metric | Layerlab defaults (seeds 1–3) | sklearn MLP defaults (5 seeds) | sklearn tuned (5 seeds) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const name of DATASETS) {
    const r = results[name] as { reference: Reference; layerlab: { runs: { value: number; task: string }[]; mean: number; min: number; max: number } };
    const fmt = (s: { mean: number; min: number; max: number }) => `${s.mean.toFixed(3)} (${s.min.toFixed(3)}–${s.max.toFixed(3)})`;
    console.log(`| ${name} | ${r.reference.rows} × ${r.reference.features} | ${r.layerlab.runs[0]?.task} | ${r.reference.metric} | ${fmt(r.layerlab)} | ${fmt(r.reference.plain)} | ${fmt(r.reference.tuned)} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
