import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../support/local-stack.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'sdk/bin/layerlab.js');
// inside the repo (git-ignored) so that `pnpm -w layerlab` can be run from it as a user would
const WORK = join(ROOT, 'test-output', `cli-e2e-${process.pid}`);

let stack: LocalStack;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command the way a user's shell would: a child process, stdout not a terminal. */
function sh(command: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: WORK, env: { ...process.env, LAYERLAB_BASE_URL: stack.url, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
const layerlab = (...args: string[]) => sh(process.execPath, [BIN, ...args]);

/** A loopback port nothing listens on (it was free a moment ago). */
function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
  });
}

const CSV = ['x,y', ...Array.from({ length: 200 }, (_, i) => {
  const x = ((i * 37) % 100) / 10 - 5;
  return `${x},${x > 0 ? 'pos' : 'neg'}`;
})].join('\n');

beforeAll(async () => {
  stack = await startLocalStack();
  await mkdir(WORK, { recursive: true });
  await writeFile(join(WORK, 'tiny.csv'), `${CSV}\n`);
  await writeFile(join(WORK, 'rows.json'), JSON.stringify([{ x: 4 }, { x: -4 }]));
});
afterAll(async () => {
  await stack?.stop();
  await rm(WORK, { recursive: true, force: true });
});

describe('the layerlab command on the local stack', () => {
  let datasetId = '';
  let jobId = '';
  let modelId = '';

  it('uploads a CSV and prints its profile', async () => {
    const human = await layerlab('datasets', 'upload', 'tiny.csv');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Uploaded tiny\.csv → ds_\w+\n/);
    expect(human.stdout).toMatch(/\n {2}x\s+numeric\s+0\s+\d+\s+min -5 · max 4\.9/);
    expect(human.stdout).toMatch(/\n {2}y\s+categorical\s+0\s+2\s+top /);
    expect(human.stderr).toContain('layerlab train spec.json --watch');
    const machine = await layerlab('datasets', 'upload', 'tiny.csv', '--name', 'tiny', '--json');
    const dataset = JSON.parse(machine.stdout) as { id: string; name: string; rows: number };
    expect(dataset).toMatchObject({ name: 'tiny', rows: 200 });
    datasetId = dataset.id;
  });

  it('train --watch prints a plain line per epoch off a terminal, then a summary table', async () => {
    await writeFile(join(WORK, 'spec.json'), JSON.stringify({ dataset: datasetId, target: 'y', epochs: 12, name: 'cli-e2e' }));
    const run = await layerlab('train', 'spec.json', '--watch');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/\r|\u001b/);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Training job_\w+ "cli-e2e" · binary · target y · up to 12 epochs · \* = new best valLoss$/);
    jobId = /job_\w+/.exec(lines[0] as string)?.[0] as string;
    const epochLines = lines.filter((line) => /^epoch +\d+\/12 /.test(line));
    const job = (await (await stack.request(`/v1/jobs/${jobId}`)).json()) as { progress: { epoch: number }; modelId: string };
    expect(epochLines).toHaveLength(job.progress.epoch);
    expect(epochLines[0]).toMatch(/^epoch {2}1\/12 [ *] {2}loss \S+ +valLoss \S+ +acc \S+%\/\S+% +lr 1\.0e-3 {2}\S+\/epoch +ETA \S+/);
    expect(run.stdout).toMatch(/\n {2}status\s+succeeded in \S+ on wasm\n/);
    expect(run.stdout).toMatch(/\n {2}test\s+loss \S+ · accuracy \S+/);
    modelId = job.modelId;
    expect(run.stdout).toContain(`model       ${modelId}`);
    expect(run.stderr).toContain(`Next: layerlab predict ${modelId} rows.json`);
  });

  it('metrics --csv matches the API history', async () => {
    const run = await layerlab('metrics', jobId, '--csv');
    const { history } = (await (await stack.request(`/v1/jobs/${jobId}/metrics`)).json()) as { history: Record<string, number>[] };
    const [header, ...rows] = run.stdout.trim().split('\n');
    expect(header).toBe('epoch,loss,valLoss,accuracy,valAccuracy,lr,seconds');
    expect(rows).toHaveLength(history.length);
    expect(rows[0]?.split(',').map(Number)).toEqual(['epoch', 'loss', 'valLoss', 'accuracy', 'valAccuracy', 'lr', 'seconds'].map((k) => history[0]?.[k]));
  });

  it('predicts from a rows file, as a table and as JSON', async () => {
    const human = await layerlab('predict', modelId, 'rows.json');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/\n +1 {2}pos +pos \d+\.\d%, neg \d+\.\d%\n +2 {2}neg +neg \d+\.\d%, pos/);
    const machine = JSON.parse((await layerlab('predict', modelId, '{"x": 2.5}', '--json')).stdout) as { predictions: { label: string }[] };
    expect(machine.predictions.map((p) => p.label)).toEqual(['pos']);
  });

  it('lists jobs, follows one as NDJSON, compares two runs side by side', async () => {
    await writeFile(join(WORK, 'spec2.json'), JSON.stringify({ dataset: datasetId, target: 'y', epochs: 4, earlyStopping: false, batchSize: 16 }));
    const started = JSON.parse((await layerlab('train', 'spec2.json', '--json')).stdout) as { id: string };
    const events = (await layerlab('jobs', 'watch', started.id, '--json')).stdout.trim().split('\n').map((line) => JSON.parse(line) as { event: string; data: { epoch?: number } });
    expect(events.filter((e) => e.event === 'epoch').map((e) => e.data.epoch)).toEqual([1, 2, 3, 4]);
    expect(events.at(-1)?.event).toBe('done');

    const list = JSON.parse((await layerlab('jobs', 'list', '--json', '--limit', '100')).stdout) as { id: string }[];
    expect(list.map((job) => job.id)).toEqual(expect.arrayContaining([jobId, started.id]));

    const compare = await layerlab('compare', jobId, started.id);
    expect(compare.code).toBe(0);
    expect(compare.stdout).toMatch(new RegExp(`^ {2}• A {2}${jobId} {2}cli-e2e {2}mdl_\\w+\\n {2}\\+ B {2}${started.id}`));
    expect(compare.stdout).toMatch(/\n {2}─+  ─+  ─+\n {2}name {11}cli-e2e +—\n/);
    expect(compare.stdout).toMatch(/\n {2}batchSize\s+32\s+16\n/);
    expect(compare.stdout).toMatch(/\n {2}epochs\s+\d+\/12.*\s4\/4\n/);
    expect(compare.stdout).toContain('valLoss by epoch (lower is better)');
  });

  it('runs the LR range test and charts it', async () => {
    const run = await layerlab('lr-find', 'spec.json', '--steps', '30', '--max-lr', '1');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/suggestion\s+\d\.\de-\d {2}\((steepest descent|half the lr)/);
    expect(run.stdout.split('\n').filter((line) => line.includes('┤'))).toHaveLength(14);
    expect(run.stdout).toMatch(/Use it: "optimizer": \{ "learningRate": [\d.e-]+ \}/);
  });

  it('exits 1, 2 and 5 with one clear line on stderr', async () => {
    const missing = await layerlab('jobs', 'get', 'job_01JNOSUCHJOB00000000000');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^layerlab: 404 NOT_FOUND: job job_01JNOSUCHJOB00000000000 does not exist \(request req_\w+\)\n$/);
    const invalid = await layerlab('train', 'spec.json', '--target', 'nope');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^layerlab: 422 \w+: .*nope.*\n$/);
    const usage = await layerlab('train', 'no-such-spec.json');
    expect(usage.code).toBe(2);
    expect(usage.stderr.split('\n')).toHaveLength(2);
    const port = await freePort();
    const down = await sh(process.execPath, [BIN, 'jobs', 'list'], { LAYERLAB_BASE_URL: `http://127.0.0.1:${port}` });
    expect(down.code).toBe(5);
    expect(down.stderr).toBe(`layerlab: cannot reach the Layerlab API at http://127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}) — check LAYERLAB_BASE_URL / --base-url\n`);
  });

  it('runs as `pnpm -w layerlab` from anywhere in the repo, with paths relative to where it was typed', async () => {
    const run = await sh('pnpm', ['-s', '-w', 'layerlab', 'datasets', 'upload', 'tiny.csv', '--name', 'via-pnpm', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ name: 'via-pnpm', rows: 200 });
  });
});
