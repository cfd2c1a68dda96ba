/**
 * The acceptance run: a random sweep of 9 trials over hidden layers, units and learning
 * rate, 3 at a time, with ASHA, on Fashion-MNIST (data these tests never see), on the real local
 * stack. Prints the leaderboard and writes bench/results/sweep-fmnist.json; with --screenshot, also
 * opens the dashboard in Chromium on the sweep and saves test-output/sweep-fmnist.png.
 *   npx tsx bench/sweep-fmnist/run.ts [--rows 3000] [--screenshot]
 * Images are 2×2 average-pooled to 14×14 (196 features) to keep it within minutes on 2 cores.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startLocalStack } from '../../tests/support/local-stack.js';
import { waitForSweep } from '../../tests/support/sweep-data.js';

const DIR = '/usr/share/datasets/fashion-mnist';
const CLASSES = ['T-shirt', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Boot'];
const argument = (name: string) => process.argv.indexOf(`--${name}`);
const rows = argument('rows') > 0 ? Number(process.argv[argument('rows') + 1]) : 3000;

/** The first `count` images (pooled to 14×14, scaled to 0..1) and labels as CSV. */
async function fashionCsv(count: number): Promise<string> {
  const images = gunzipSync(await readFile(join(DIR, 'train-images-idx3-ubyte.gz')));
  const labels = gunzipSync(await readFile(join(DIR, 'train-labels-idx1-ubyte.gz')));
  const header = [...Array.from({ length: 196 }, (_, i) => `p${i}`), 'label'];
  const lines = [header.join(',')];
  for (let n = 0; n < count; n += 1) {
    const base = 16 + n * 784;
    const cells: string[] = [];
    for (let r = 0; r < 28; r += 2) {
      for (let c = 0; c < 28; c += 2) {
        const at = (dr: number, dc: number) => images[base + (r + dr) * 28 + c + dc] ?? 0;
        cells.push(((at(0, 0) + at(0, 1) + at(1, 0) + at(1, 1)) / (4 * 255)).toFixed(3));
      }
    }
    cells.push(CLASSES[labels[8 + n] ?? 0] ?? '?');
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

const stack = await startLocalStack({ LAYERLAB_TRAINER_CONCURRENCY: '3' });
try {
  const upload = await stack.request('/v1/datasets?name=fashion-mnist-14x14', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: await fashionCsv(rows) });
  const dataset = ((await upload.json()) as { id: string }).id;
  const started = Date.now();
  const created = await stack.request('/v1/sweeps', {
    method: 'POST',
    json: {
      name: 'fmnist-size-and-lr',
      base: { dataset, target: 'label', epochs: 9, batchSize: 32 },
      method: 'random',
      seed: 7,
      maxRuns: 9,
      parameters: {
        'model.hidden.layers': { values: [1, 2, 3] },
        'model.hidden.units': { values: [32, 64, 128] },
        'optimizer.learningRate': { min: 1e-4, max: 3e-2, distribution: 'log_uniform' },
      },
      metric: { name: 'valAccuracy' },
      parallelism: 3,
      earlyTerminate: { type: 'asha', minEpochs: 1, eta: 3 },
    },
  });
  if (created.status !== 201) throw new Error(`POST /v1/sweeps: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const sweep = await waitForSweep((path) => stack.request(path), id, { timeoutMs: 1_800_000 });
  const seconds = (Date.now() - started) / 1000;
  const epochs = sweep.runs.reduce((sum, run) => sum + run.epochs, 0);
  console.log(`sweep ${id} ${sweep.status} in ${seconds.toFixed(1)} s; ${epochs} epochs trained of ${9 * 9} without ASHA`);
  for (const run of [...sweep.runs].sort((a, b) => (b.metric ?? 0) - (a.metric ?? 0))) {
    const by = run.stoppedBy === null ? '' : `stopped by ASHA at epoch ${run.stoppedBy.epoch}: rank ${run.stoppedBy.rank} of ${run.stoppedBy.of}`;
    console.log(`#${run.index} ${JSON.stringify(run.params)} ${run.status} valAccuracy ${run.metric?.toFixed(4)} epochs ${run.epochs} ${by}`);
  }
  await mkdir(join(import.meta.dirname, '../results'), { recursive: true });
  await writeFile(
    join(import.meta.dirname, '../results/sweep-fmnist.json'),
    `${JSON.stringify({ rows, features: 196, seconds, epochsTrained: epochs, epochsWithoutAsha: 81, machine: '2 cores, wasm backend', sweep }, null, 2)}\n`,
  );
  if (argument('screenshot') > 0) {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${stack.url}/dashboard`);
    await page.locator('#leaderboard tbody tr').first().waitFor();
    await page.click('#chartsweep');
    await page.locator('#chart canvas').waitFor();
    await page.waitForTimeout(500);
    await mkdir('test-output', { recursive: true });
    await page.screenshot({ path: 'test-output/sweep-fmnist.png', fullPage: true });
    await browser.close();
  }
} finally {
  await stack.stop();
}
