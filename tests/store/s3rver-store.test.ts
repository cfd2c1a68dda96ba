import { PreconditionFailedError, StoreUnavailableError } from '@layerlab/api/store';
import { S3Store } from '@layerlab/api/store/s3';
import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startS3rver, type LoopbackS3 } from '../support/s3-servers.js';
import { storeContract } from './store-contract.js';

// The S3 driver against s3rver 3.7.1 (root devDependency) on a loopback port. s3rver ignores
// If-Match / If-None-Match, so the conditional cases run in moto-store.test.ts instead.
let server: LoopbackS3;
let stores = 0;
beforeAll(async () => {
  server = await startS3rver();
});
afterAll(async () => {
  await server?.stop();
});

function store(prefix: string): S3Store {
  return new S3Store({
    bucket: server.bucket,
    prefix,
    endpoint: server.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    conditionalWrites: false,
    partBytes: 5 * 1024 * 1024, // S3's minimum part: the 6 MiB case takes two parts
  });
}

// every test gets its own key prefix, which also exercises the driver's prefix option
storeContract('s3 driver on s3rver', async () => store(`run-${Date.now()}-${(stores += 1)}/`), { largeBytes: 6 * 1024 * 1024 + 123, conditionalWrites: false });

it('s3 driver on s3rver: keys live under the configured prefix and nothing leaks between prefixes', async () => {
  const a = store('tenant-a/');
  const b = store('tenant-b/');
  await a.put('x.json', '1');
  expect(await b.get('x.json')).toBeNull();
  expect((await store('').list('tenant-a/')).objects.map((o) => o.key)).toEqual(['tenant-a/x.json']);
});

it('s3 driver: a server that is not there is StoreUnavailableError (the API answers 503), not "missing"', async () => {
  // a port that was free a moment ago: nothing listens there
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  const down = new S3Store({ bucket: 'b', endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await expect(down.get('k')).rejects.toBeInstanceOf(StoreUnavailableError);
  await expect(down.put('k', 'v')).rejects.toBeInstanceOf(StoreUnavailableError);
  await expect(down.list('')).rejects.toBeInstanceOf(StoreUnavailableError);
});

it('s3 driver: a bucket that does not exist is an error, not an empty store', async () => {
  const missing = new S3Store({ bucket: 'no-such-bucket', endpoint: server.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  for (const attempt of [() => missing.put('k', 'v'), () => missing.get('k'), () => missing.list('')]) {
    const failure = await attempt().then(() => null, (error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect(failure).not.toBeInstanceOf(PreconditionFailedError);
    expect((failure as Error).message).toContain('bucket does not exist');
  }
});
