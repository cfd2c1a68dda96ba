import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, waitForJob, type LocalStack } from '../support/local-stack.js';
import { startS3rver, type LoopbackS3 } from '../support/s3-servers.js';
import { twoClassRows } from '../support/tiny-data.js';

// LAYERLAB_STORE=s3 on Node: the API and the trainer process it supervises both open the bucket
// from the same variables (the API hands LAYERLAB_S3_* and AWS_* down to its child).
let s3: LoopbackS3;
let stack: LocalStack;
beforeAll(async () => {
  s3 = await startS3rver('layerlab-node');
  stack = await startLocalStack({ ...s3.env, LAYERLAB_S3_PREFIX: 'node-test/' });
});
afterAll(async () => {
  await stack?.stop();
  await s3?.stop();
});

describe('the Node API on an S3 bucket', () => {
  it('trains and predicts with every object under the configured prefix', async () => {
    const health = (await (await stack.request('/healthz')).json()) as { store: string };
    expect(health.store).toBe('s3');
    const ds = (await (await stack.request('/v1/datasets', { method: 'POST', json: { name: 'blobs', rows: twoClassRows(300) } })).json()) as { id: string };
    const job = (await (await stack.request('/v1/jobs', { method: 'POST', json: { dataset: ds.id, target: 'label', epochs: 5 } })).json()) as { id: string };
    const done = await waitForJob(stack, job.id, { timeoutMs: 90_000 });
    expect(done.status).toBe('succeeded');
    const predicted = await stack.request(`/v1/models/${done.modelId as string}/predict`, { method: 'POST', json: { rows: [{ a: 4, b: -4, c: 1 }] } });
    expect(((await predicted.json()) as { predictions: { label: string }[] }).predictions[0]?.label).toBe('pos');
    // the bucket as another client sees it: everything under node-test/, the model among it
    const { S3Store } = await import('@layerlab/api/store/s3');
    const raw = new S3Store({ bucket: s3.bucket, endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    // (no delimiter at the root: s3rver answers an empty Prefix with a Delimiter with nothing)
    const everything = await raw.list('');
    expect(everything.objects.length).toBeGreaterThan(5);
    expect(everything.objects.filter((o) => !o.key.startsWith('node-test/tenants/local/') && !o.key.startsWith('node-test/dispatch/'))).toEqual([]);
    expect(await raw.head(`node-test/tenants/local/models/${done.modelId as string}/weights.bin`)).not.toBeNull();
  });
});
