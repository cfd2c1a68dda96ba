import { FsStore } from '@layerlab/api/store/fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { storeContract } from './store-contract.js';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

// the local-folder driver: every case, conditional writes included (lock files)
storeContract(
  'fs driver',
  async () => {
    const root = await mkdtemp(join(tmpdir(), 'layerlab-store-'));
    roots.push(root);
    return new FsStore({ root });
  },
  { largeBytes: 6 * 1024 * 1024 + 123, conditionalWrites: true },
);
