import { S3Store } from '@layerlab/api/store/s3';
import { afterAll, beforeAll } from 'vitest';
import { findMotoServer, startMoto, type LoopbackS3 } from '../support/s3-servers.js';
import { storeContract } from './store-contract.js';

// The S3 driver against moto_server (Python moto 5.2.1, part of this machine image, not of the
// lockfile), the one local server here that enforces If-Match / If-None-Match like AWS S3, R2 and
// MinIO: every contract case runs, the conditional ones included. Without moto_server on PATH
// this file registers nothing, except in CI (CI=true), where its absence is a failure.
const bin = findMotoServer();
if (bin === null && process.env.CI === 'true') throw new Error('moto_server not found: CI needs it for the conditional-write cases');

if (bin !== null) {
  let server: LoopbackS3;
  let stores = 0;
  beforeAll(async () => {
    server = await startMoto(bin);
  });
  afterAll(async () => {
    await server?.stop();
  });
  storeContract(
    's3 driver on moto_server',
    async () =>
      new S3Store({
        bucket: server.bucket,
        prefix: `run-${(stores += 1)}/`,
        endpoint: server.endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
        partBytes: 5 * 1024 * 1024,
      }),
    { largeBytes: 6 * 1024 * 1024 + 123, conditionalWrites: true },
  );
} else {
  console.warn('moto_server not found: the S3 conditional-write cases did not run (see docs/architecture.md)');
}
