import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../spec/index.js';
import { epochFixture, jobFixture } from '../testing/fixtures.js';
import { memoryIo } from '../testing/memory-io.js';
import { main } from './main.js';

const BASE = 'http://layerlab.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const ENV = { LAYERLAB_BASE_URL: BASE };
const JOB = jobFixture({ status: 'succeeded', progress: { epoch: 5, epochs: 5, fraction: 1 }, metrics: epochFixture(5), modelId: 'mdl_01JTESTMODEL0000000000', testMetrics: { loss: 0.3, accuracy: 0.9 } });

function problem(status: number, code: string, detail: string) {
  return HttpResponse.json({ type: '/docs/errors#x', title: code, status, code, detail, requestId: 'req_cli' }, { status, headers: { 'content-type': 'application/problem+json' } });
}

async function run(argv: string[], options: Parameters<typeof memoryIo>[0] = {}) {
  const term = memoryIo({ env: ENV, ...options });
  const code = await main(argv, term.io);
  return { code, stdout: term.stdout(), stderr: term.stderr() };
}

describe('layerlab (in-process)', () => {
  it('prints a job as a summary table, or as JSON with --json', async () => {
    server.use(http.get(`${BASE}/v1/jobs/${JOB.id}`, () => HttpResponse.json(JOB)));
    const human = await run(['jobs', 'get', JOB.id]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/status\s+succeeded/);
    expect(human.stdout).toMatch(/test\s+loss 0\.3 · accuracy 0\.9/);
    expect(human.stdout).toMatch(/model\s+mdl_01JTESTMODEL0000000000/);
    const machine = await run(['--json', 'jobs', 'get', JOB.id]);
    expect(JSON.parse(machine.stdout)).toEqual(JOB);
  });

  it('prints an API error as one line with its detail and request id, exit 1, nothing on stdout', async () => {
    server.use(http.get(`${BASE}/v1/jobs/:id`, () => problem(404, 'NOT_FOUND', 'job job_01JNOPE00000000000000 does not exist')));
    const result = await run(['jobs', 'get', 'job_01JNOPE00000000000000']);
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'layerlab: 404 NOT_FOUND: job job_01JNOPE00000000000000 does not exist (request req_cli)\n' });
  });

  it('tells a 401 user how to pass a key', async () => {
    server.use(http.get(`${BASE}/v1/jobs`, () => problem(401, 'UNAUTHORIZED', 'send your API key as "Authorization: Bearer <key>"')));
    const result = await run(['jobs', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^layerlab: 401 UNAUTHORIZED: .* — set LAYERLAB_API_KEY or pass --api-key\n$/);
  });

  it('exits 2 on usage mistakes, naming the fix', async () => {
    expect(await run(['jobs', 'get'])).toMatchObject({ code: 2, stderr: 'layerlab: layerlab jobs get takes <job>, got none (see layerlab jobs get --help)\n' });
    expect((await run(['jobs', 'list', '--limit', 'many'])).stderr).toBe('layerlab: --limit must be an integer from 1 to 100, got "many" (see layerlab jobs list --help)\n');
    expect((await run(['trian', 'spec.json'])).stderr).toBe('layerlab: unknown command "trian"; did you mean train? (see layerlab --help)\n');
    expect((await run(['train', 'missing.json'])).stderr).toMatch(/^layerlab: missing\.json: no such file/);
    expect((await run(['jobs', 'list', '--colour'])).code).toBe(2);
    expect((await run(['train', 'spec.json'], { files: { 'spec.json': '{ "target": "y" }' } })).stderr).toContain('spec.json has no "dataset"');
  });

  it('exits 5 with a hint when the API cannot be reached', async () => {
    // a real connection attempt to a port that was free a moment ago
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    server.use(http.all(`http://127.0.0.1:${port}/*`, () => passthrough()));
    const result = await run(['jobs', 'list', '--base-url', `http://127.0.0.1:${port}`]);
    expect(result.code).toBe(5);
    expect(result.stderr).toBe(`layerlab: cannot reach the Layerlab API at http://127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}) — check LAYERLAB_BASE_URL / --base-url\n`);
  }, 15_000);

  it('prints help and the version', async () => {
    expect((await run(['--help'])).stdout).toMatch(/\n {2}train <spec\.json> +Start a training job/);
    expect((await run(['train', '--help'])).stdout).toContain('-w, --watch');
    expect(await run(['jobs'])).toMatchObject({ code: 2 });
    expect((await run(['--version'])).stdout).toBe('0.1.0\n');
  });

  it('train --watch follows the run and exits 3 when it fails', async () => {
    const failed: Job = jobFixture({ status: 'failed', error: { code: 'TRAINING_DIVERGED', message: 'loss became NaN' }, progress: { epoch: 2, epochs: 5, fraction: 0.4 } });
    const frames = [
      ['status', jobFixture({ status: 'running', backend: 'wasm' })],
      ['epoch', epochFixture(1)],
      ['epoch', epochFixture(2)],
      ['done', failed],
    ].map(([event, data]) => `event: ${String(event)}\ndata: ${JSON.stringify(data)}\n\n`);
    let body: unknown;
    server.use(
      http.post(`${BASE}/v1/jobs`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(jobFixture(), { status: 201 });
      }),
      http.get(`${BASE}/v1/jobs/:id/events`, () => new HttpResponse(frames.join(''), { headers: { 'content-type': 'text/event-stream' } })),
    );
    const result = await run(['train', 'spec.json', '--watch', '--dataset', 'ds_01JOTHERDATASET0000000'], { files: { 'spec.json': '{ "dataset": "ds_x", "target": "y", "epochs": 5 }' } });
    expect(body).toEqual({ dataset: 'ds_01JOTHERDATASET0000000', target: 'y', epochs: 5 });
    expect(result.code).toBe(3);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Training job_01JTESTJOB000000000000 · binary · target y · up to 5 epochs · * = new best valLoss');
    expect(lines.filter((line) => line.startsWith('epoch '))).toHaveLength(2);
    expect(result.stdout).toMatch(/error\s+TRAINING_DIVERGED: loss became NaN/);
  });

  it('metrics --csv writes a header and one row per epoch', async () => {
    server.use(http.get(`${BASE}/v1/jobs/:id/metrics`, () => HttpResponse.json({ jobId: JOB.id, history: [epochFixture(1), epochFixture(2, { valLoss: undefined })] })));
    const result = await run(['metrics', JOB.id, '--csv']);
    expect(result.stdout).toBe('epoch,loss,valLoss,accuracy,valAccuracy,lr,seconds\n1,1,1.1,0.51,0.505,0.001,2\n2,0.5,,0.52,0.51,0.001,2\n');
  });

  it('predict reads rows from a file and prints labels with their top probabilities', async () => {
    let sent: unknown;
    server.use(
      http.post(`${BASE}/v1/models/:id/predict`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ modelId: 'mdl_01JTESTMODEL0000000000', predictions: [{ label: 'pos', probabilities: { pos: 0.93, neg: 0.07 } }, { value: 151.2 }] });
      }),
    );
    const result = await run(['predict', 'mdl_01JTESTMODEL0000000000', 'rows.json'], { files: { 'rows.json': '{ "rows": [{ "x": 3 }, { "x": -3 }] }' } });
    expect(sent).toEqual({ rows: [{ x: 3 }, { x: -3 }] });
    expect(result.stdout).toMatch(/1\s+pos\s+pos 93\.0%, neg 7\.0%/);
    expect(result.stdout).toMatch(/2\s+151\.2/);
  });

  it('lr-find runs the range test and draws the curve with the suggestion', async () => {
    const curve = Array.from({ length: 40 }, (_, i) => {
      const lr = 1e-5 * 10 ** (i / 8);
      return { lr, loss: 1, smoothedLoss: 2 - Math.exp(-((i - 25) ** 2) / 50) };
    });
    const result = { curve, divergedAt: 0.2, suggestion: { lr: 0.003, method: 'steepest' as const }, halfDivergence: 0.1 };
    let body: Record<string, unknown> = {};
    server.use(
      http.post(`${BASE}/v1/lr-finder`, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(jobFixture({ type: 'lr_finder' }), { status: 201 });
      }),
      http.get(`${BASE}/v1/jobs/:id`, () => HttpResponse.json(jobFixture({ type: 'lr_finder', status: 'succeeded', result }))),
    );
    const out = await run(['lr-find', 'spec.json', '--max-lr', '1', '--steps', '40'], { files: { 'spec.json': '{ "dataset": "ds_x", "target": "y" }' } });
    expect(body).toEqual({ dataset: 'ds_x', target: 'y', maxLr: 1, steps: 40 });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/suggestion\s+3\.0e-3 {2}\(steepest descent of the smoothed loss/);
    expect(out.stdout).toMatch(/diverged at\s+2\.0e-1/);
    expect(out.stdout).toContain('"learningRate": 0.003');
    expect(out.stdout).toContain('1.0e-5');
    expect(out.stdout.split('\n').filter((line) => line.includes('┤')).length).toBe(14);
  });

  it('Ctrl-C while watching stops watching, says the job keeps running, exits 130', async () => {
    server.use(
      http.get(`${BASE}/v1/jobs/:id/events`, () => {
        const stream = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(`event: status\ndata: ${JSON.stringify(jobFixture({ status: 'running' }))}\n\n`));
          },
        });
        return new HttpResponse(stream, { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    const term = memoryIo({ env: ENV });
    const pending = main(['jobs', 'watch', JOB.id], term.io);
    await new Promise((resolve) => setTimeout(resolve, 200));
    term.interrupt();
    expect(await pending).toBe(130);
    expect(term.stderr()).toContain(`it keeps running.\n  follow it again: layerlab jobs watch ${JOB.id}\n`);
  });
});
