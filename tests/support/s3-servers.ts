import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import S3rver from 's3rver';

/** A real S3-compatible server on a loopback port chosen at run time. */
export interface LoopbackS3 {
  kind: 's3rver' | 'moto';
  endpoint: string;
  bucket: string;
  /** Whether the server enforces If-Match / If-None-Match. */
  conditionalWrites: boolean;
  /** The env variables that point Layerlab (API or trainer) at this server. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

// any non-empty pair: both servers accept every key
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

function envFor(endpoint: string, bucket: string): Record<string, string> {
  return {
    LAYERLAB_STORE: 's3',
    LAYERLAB_S3_BUCKET: bucket,
    LAYERLAB_S3_ENDPOINT: endpoint,
    LAYERLAB_S3_REGION: 'us-east-1',
    LAYERLAB_S3_FORCE_PATH_STYLE: 'true',
    ...CREDENTIALS,
  };
}

/** s3rver 3.7.1 (root devDependency): S3's REST API over a temp folder; ignores conditional headers. */
export async function startS3rver(bucket = 'layerlab-test'): Promise<LoopbackS3> {
  const directory = await mkdtemp(join(tmpdir(), 'layerlab-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    kind: 's3rver',
    endpoint,
    bucket,
    conditionalWrites: false,
    env: envFor(endpoint, bucket),
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Where moto_server (Python moto 5.2.1, shipped on the machine image, not by npm) can be found. */
export function findMotoServer(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/root/.pyenv/shims', '/usr/local/bin', '/usr/bin'];
  for (const dir of dirs) {
    const candidate = join(dir, 'moto_server');
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return null;
}

/** moto_server on a free loopback port: honours If-Match / If-None-Match with 412 like AWS. */
export async function startMoto(bin: string, bucket = 'layerlab-test'): Promise<LoopbackS3> {
  const child: ChildProcess = spawn(bin, ['-H', '127.0.0.1', '-p', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`moto_server did not start: ${seen}`)), 30_000);
    const onData = (data: Buffer) => {
      seen += data.toString();
      const match = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`moto_server exited (${code}): ${seen}`)));
  });
  // moto checks no signatures by default, so a plain PUT creates the bucket
  const created = await fetch(`${endpoint}/${bucket}`, { method: 'PUT' });
  if (!created.ok) throw new Error(`moto_server: creating bucket ${bucket} answered ${created.status}`);
  return {
    kind: 'moto',
    endpoint,
    bucket,
    conditionalWrites: true,
    env: envFor(endpoint, bucket),
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
