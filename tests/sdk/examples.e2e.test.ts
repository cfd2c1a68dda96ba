import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../support/local-stack.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** Runs an example exactly as its header says (`pnpm exec tsx sdk/examples/<name>.ts`), against the stack. */
function example(name: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'sdk/examples', name)], {
      cwd: ROOT,
      env: { ...process.env, LAYERLAB_BASE_URL: stack.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('sdk/examples run against the local stack', () => {
  it('quickstart.ts: upload, train with progress, predict prices', async () => {
    const run = await example('quickstart.ts');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^dataset ds_\w+: 300 rows, columns sqft \(numeric\), rooms \(numeric\), age \(numeric\), neighborhood \(categorical\), price \(numeric\)\n/);
    expect(run.stdout).toMatch(/\nepoch 1: loss /);
    const prices = [...run.stdout.matchAll(/predicted price: (\d+)/g)].map((m) => Number(m[1]));
    // the data's formula gives 290000 and 565000 (sdk/examples/data/README.md)
    expect(prices).toHaveLength(2);
    expect(Math.abs((prices[0] as number) - 290_000)).toBeLessThan(60_000);
    expect(Math.abs((prices[1] as number) - 565_000)).toBeLessThan(60_000);
  });

  it('classify-and-stream.ts: streams epochs and prints labels with probabilities', async () => {
    const run = await example('classify-and-stream.ts');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^status: queued\n/m);
    expect(run.stdout).toMatch(/\nepoch 1: valAccuracy /);
    expect(run.stdout).toMatch(/\ndone: succeeded, test accuracy /);
    expect(run.stdout).toMatch(/\ninner \(inner \d\.\d\d, outer \d\.\d\d\)\nouter \(/);
  });

  it('lr-finder-then-train.ts: range test, then a job with the suggested lr', async () => {
    const run = await example('lr-finder-then-train.ts');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^suggested lr \d\.\de-\d+ \((steepest|half_divergence)\)/);
    expect(run.stdout).toMatch(/\ntrained with lr \d\.\de-\d+: test MAE \d+ after \d+ epochs\n/);
  });

  it('errors-and-retries.ts: typed errors for 404, 422 and no connection', async () => {
    const run = await example('errors-and-retries.ts');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^404: job job_01JDOESNOTEXIST000000000 does not exist \(request req_\w+\)\n422 at optimizer\.learningRate: /);
    expect(run.stdout).toMatch(/\njob job_\w+ (succeeded|failed)|\njob failed: /);
    expect(run.stdout).toMatch(/\nno API there: Connection error: connect ECONNREFUSED 127\.0\.0\.1:59999\n$/);
  });
});
