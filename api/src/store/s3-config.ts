import type { Config } from '../config.js';
import { S3Store } from './s3-store.js';

/** The credential variables of API.md, read from process.env on Node or a Worker's env. */
export interface S3CredentialEnv {
  AWS_ACCESS_KEY_ID?: unknown;
  AWS_SECRET_ACCESS_KEY?: unknown;
  AWS_SESSION_TOKEN?: unknown;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/**
 * The S3 store a configuration names (LAYERLAB_S3_*), with credentials from AWS_ACCESS_KEY_ID /
 * AWS_SECRET_ACCESS_KEY when set, else the SDK's default chain (instance roles on Node).
 */
export function s3StoreFromConfig(options: { s3: NonNullable<Config['s3']>; env: S3CredentialEnv; conditionalWrites?: boolean }): S3Store {
  const { s3, env } = options;
  const accessKeyId = text(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = text(env.AWS_SECRET_ACCESS_KEY);
  const sessionToken = text(env.AWS_SESSION_TOKEN);
  return new S3Store({
    bucket: s3.bucket,
    prefix: s3.prefix,
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: s3.forcePathStyle,
    credentials: accessKeyId === null || secretAccessKey === null ? null : { accessKeyId, secretAccessKey, ...(sessionToken === null ? {} : { sessionToken }) },
    ...(options.conditionalWrites === undefined ? {} : { conditionalWrites: options.conditionalWrites }),
  });
}
