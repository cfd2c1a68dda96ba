import { sign, SIGNATURE_HEADER, SIGNATURE_TOLERANCE_SECONDS } from '@layerlab/api/dispatch';
import { LocalTrainer } from '@layerlab/api/local';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A real trainer process: what reaches /v1/run and /v1/predict must carry a fresh HMAC of the
// exact body under the shared secret, and be seen only once.
const SECRET = 'signature-test-secret-0123456789';
let dataDir: string;
let trainer: LocalTrainer;
let url: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'layerlab-sig-'));
  trainer = new LocalTrainer({ env: { LAYERLAB_DISPATCH_SECRET: SECRET, LAYERLAB_STORE: 'fs', LAYERLAB_DATA_DIR: dataDir } });
  url = await trainer.start();
});
afterAll(async () => {
  await trainer?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function post(path: string, body: string, header: string | null) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(header === null ? {} : { [SIGNATURE_HEADER]: header }) },
    body,
  });
  return { status: response.status, body: (await response.json()) as { code?: string; detail?: string } };
}

// a job id that does not exist: a correctly signed offer gets past the signature to a 404
const body = (nonce: string) => JSON.stringify({ jobId: 'job_0000000000NOSUCHJOB000000', tenant: 'local', nonce });

describe('trainer request signatures', () => {
  it('accepts a fresh, correct signature (then the job lookup answers 404)', async () => {
    const text = body('a1');
    const answer = await post('/v1/run', text, await sign({ secret: SECRET, body: text }));
    expect(answer.status).toBe(404);
  });

  it('rejects a missing signature with 401', async () => {
    const answer = await post('/v1/run', body('a2'), null);
    expect(answer).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED', detail: 'bad request signature (missing)' } });
  });

  it('rejects a forged signature (wrong secret) with 401', async () => {
    const text = body('a3');
    const answer = await post('/v1/run', text, await sign({ secret: 'not-the-secret-0123456789', body: text }));
    expect(answer).toMatchObject({ status: 401, body: { detail: 'bad request signature (mismatch)' } });
  });

  it('rejects a signature of another body (tampered jobId) with 401', async () => {
    const header = await sign({ secret: SECRET, body: body('a4') });
    const answer = await post('/v1/run', body('a4').replace('NOSUCHJOB', 'OTHERJOB0'), header);
    expect(answer).toMatchObject({ status: 401, body: { detail: 'bad request signature (mismatch)' } });
  });

  it(`rejects a stale signature (older than ${SIGNATURE_TOLERANCE_SECONDS} s) with 401, and one from the future`, async () => {
    const text = body('a5');
    const old = await sign({ secret: SECRET, body: text, now: Date.now() - (SIGNATURE_TOLERANCE_SECONDS + 60) * 1000 });
    expect(await post('/v1/run', text, old)).toMatchObject({ status: 401, body: { detail: 'bad request signature (stale)' } });
    const future = await sign({ secret: SECRET, body: text, now: Date.now() + (SIGNATURE_TOLERANCE_SECONDS + 60) * 1000 });
    expect(await post('/v1/run', text, future)).toMatchObject({ status: 401, body: { detail: 'bad request signature (stale)' } });
  });

  it('rejects a replay of a captured request with 401, on /v1/run and /v1/predict', async () => {
    const text = body('a6');
    const header = await sign({ secret: SECRET, body: text });
    expect((await post('/v1/run', text, header)).status).toBe(404);
    expect(await post('/v1/run', text, header)).toMatchObject({ status: 401, body: { detail: 'bad request signature (replayed)' } });
    const predict = JSON.stringify({ tenant: 'local', modelId: 'mdl_0000000000NOSUCHMODEL0000', rows: [{ a: 1 }], nonce: 'p1' });
    const predictHeader = await sign({ secret: SECRET, body: predict });
    expect((await post('/v1/predict', predict, predictHeader)).status).toBe(404);
    expect(await post('/v1/predict', predict, predictHeader)).toMatchObject({ status: 401, body: { detail: 'bad request signature (replayed)' } });
  });

  it('rejects a malformed header with 401', async () => {
    expect(await post('/v1/run', body('a7'), 't=abc,v1=zz')).toMatchObject({ status: 401, body: { detail: 'bad request signature (malformed)' } });
  });
});
