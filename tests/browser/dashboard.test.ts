import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, waitForJob, type LocalStack } from '../support/local-stack.js';
import { discRows, waitForSweep } from '../support/sweep-data.js';

const API_KEY = 'dashboard-browser-key';
const OUTPUT = join(import.meta.dirname, '../../test-output');
const auth = { authorization: `Bearer ${API_KEY}` };

let stack: LocalStack;
let browser: Browser;
let page: Page;
let dataset: string;
let runs: { id: string; name: string }[];
let lrFinder: { status: string; result: { suggestion: { lr: number; method: string } } };

/** How many canvas pixels in `selector` are close to the colour `hex`. */
function countColour(p: Page, selector: string, hex: string): Promise<number> {
  return p.evaluate(
    ([sel, colour]) => {
      const canvas = document.querySelector(`${sel} canvas`) as HTMLCanvasElement | null;
      if (canvas === null) return -1;
      const { data } = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height);
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) as [number, number, number];
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs((data[i] ?? 0) - r) + Math.abs((data[i + 1] ?? 0) - g) + Math.abs((data[i + 2] ?? 0) - b) < 60 && (data[i + 3] ?? 0) > 200) count += 1;
      }
      return count;
    },
    [selector, hex] as const,
  );
}

beforeAll(async () => {
  stack = await startLocalStack({ LAYERLAB_API_KEYS: `${API_KEY}:local`, LAYERLAB_TRAINER_CONCURRENCY: '2' });
  const ds = await stack.request('/v1/datasets', { method: 'POST', headers: auth, json: { name: 'disc', rows: discRows(240) } });
  dataset = ((await ds.json()) as { id: string }).id;
  const created = await stack.request('/v1/sweeps', {
    method: 'POST',
    headers: auth,
    json: {
      name: 'units-and-lr',
      base: { dataset, target: 'label', epochs: 8, batchSize: 16, earlyStopping: false },
      method: 'grid',
      parameters: { 'optimizer.learningRate': { values: [0.03, 0.01, 0.0003] }, 'model.hidden.units': { values: [16, 4] } },
      parallelism: 2,
      earlyTerminate: { type: 'asha', minEpochs: 2, eta: 2 },
    },
  });
  const { id } = (await created.json()) as { id: string };
  const sweep = await waitForSweep((path) => stack.request(path, { headers: auth }), id);
  runs = sweep.runs.slice(0, 2).map((r) => ({ id: r.jobId as string, name: `units-and-lr · trial ${r.index}` }));
  const finder = await stack.request('/v1/lr-finder', {
    method: 'POST',
    headers: auth,
    json: { dataset, target: 'label', name: 'lr-range-test', batchSize: 16, minLr: 1e-5, maxLr: 10, steps: 80 },
  });
  expect(finder.status).toBe(201);
  lrFinder = (await waitForJob({ ...stack, request: (path, init) => stack.request(path, { ...init, headers: auth }) }, ((await finder.json()) as { id: string }).id)) as typeof lrFinder;
  expect(lrFinder.status).toBe('succeeded');
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the dashboard in Chromium', () => {
  it('asks for the key, then overlays two chosen runs in one chart, the LR finder curve and the sweep leaderboard', async () => {
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    page.on('pageerror', (error) => failed.push(`page error: ${error.message}`));
    await page.goto(`${stack.url}/dashboard`);
    await page.locator('#authmsg.show').waitFor({ timeout: 10_000 });
    await page.fill('#apikey', API_KEY);
    await page.click('#savekey');
    expect(await page.evaluate(() => localStorage.getItem('layerlab.apiKey'))).toBe(API_KEY);

    for (const run of runs) await page.locator(`#runs input[data-job="${run.id}"]`).check({ timeout: 15_000 });
    await page.selectOption('#metric', 'valLoss');
    const legend = page.locator('#chart .u-legend .u-series');
    await expect.poll(() => legend.count(), { timeout: 15_000 }).toBe(3); // the x axis + two runs
    const labels = await legend.locator('th').allInnerTexts();
    for (const run of runs) expect(labels.join('\n')).toContain(run.name);
    // both series are drawn: pixels in the first two palette colours
    await expect.poll(() => countColour(page, '#chart', '#2563eb'), { timeout: 5_000 }).toBeGreaterThan(40);
    expect(await countColour(page, '#chart', '#dc2626')).toBeGreaterThan(40);

    await expect.poll(() => page.locator('#lrchart canvas').count(), { timeout: 10_000 }).toBe(1);
    // the page rounds as fmt() does: 4 decimals, or 3 significant digits below 1e-3
    const lr = lrFinder.result.suggestion.lr;
    const shown = lr < 1e-3 ? lr.toExponential(2) : String(Math.round(lr * 10000) / 10000);
    expect(await page.locator('#lrinfo').innerText()).toContain(`Suggested learning rate ${shown} (${lrFinder.result.suggestion.method.replace('_', ' ')})`);
    await expect.poll(() => countColour(page, '#lrchart', '#dc2626'), { timeout: 5_000 }).toBeGreaterThan(50); // the suggestion marker

    const rows = page.locator('#leaderboard tbody tr');
    await expect.poll(() => rows.count()).toBe(6);
    expect(await page.locator('#leaderboard tr.stopped').count()).toBeGreaterThanOrEqual(1);
    const note = page.locator('#leaderboard tr.stopped td.note').first();
    expect(await note.innerText()).toMatch(/^✂ ASHA: epoch \d+, rank \d+ of \d+$/);
    expect(await note.getAttribute('title')).toMatch(/stopped by ASHA at epoch \d+ \(rung \d+\): valLoss [\d.]+ ranked \d+ of \d+/);
    expect(await page.locator('#leaderboard tr.best').count()).toBe(1);

    await mkdir(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'dashboard.png'), fullPage: true });
    expect(failed).toEqual([]);
  });

  it('picks up a run started after the page opened and follows it to the end', async () => {
    const created = await stack.request('/v1/jobs', { method: 'POST', headers: auth, json: { dataset, target: 'label', epochs: 12, batchSize: 16, name: 'live-run' } });
    const { id } = (await created.json()) as { id: string };
    const row = page.locator(`#runs tr[data-job="${id}"]`);
    await row.waitFor({ timeout: 10_000 });
    await page.locator(`#runs input[data-job="${id}"]`).check();
    await waitForJob({ ...stack, request: (path, init) => stack.request(path, { ...init, headers: auth }) }, id);
    await expect.poll(() => row.locator('.badge').first().innerText(), { timeout: 10_000 }).toBe('succeeded');
    const labels = await page.locator('#chart .u-legend .u-series th').allInnerTexts();
    expect(labels.join('\n')).toContain('live-run');
    // the chart followed the run to its last epoch
    const epochs = () => page.evaluate(() => (window as unknown as { layerlab: { charts: { runs: { data: number[][] } } } }).layerlab.charts.runs.data[0]?.length);
    await expect.poll(epochs, { timeout: 10_000 }).toBe(12);
    await page.screenshot({ path: join(OUTPUT, 'dashboard-live.png'), fullPage: true });
  });
});
