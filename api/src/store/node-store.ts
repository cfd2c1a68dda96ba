import { resolve } from 'node:path';
import type { Config } from '../config.js';
import { FsStore } from './fs-store.js';
import { s3StoreFromConfig, type S3CredentialEnv } from './s3-config.js';
import type { ObjectStore } from './types.js';

/**
 * The store a configuration names, for Node processes (the API and the trainer): the local
 * folder (LAYERLAB_STORE=fs, default) or S3 / R2 / MinIO (LAYERLAB_STORE=s3). Node-only: the
 * Worker builds its S3 store from s3-config.ts and never loads the fs driver.
 */
export function createStore(config: Config, env: S3CredentialEnv = process.env): ObjectStore {
  if (config.store === 's3' && config.s3 !== null) return s3StoreFromConfig({ s3: config.s3, env });
  return new FsStore({ root: resolve(config.dataDir) });
}
