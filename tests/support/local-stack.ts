import { startNodeServer, type NodeServer } from '@layerlab/api/node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LocalStack extends NodeServer {
  dataDir: string;
  /** fetch against the API with JSON helpers; paths are relative to the API's URL. */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The real local stack on free ports: the API in this process, the trainer as its child process,
 * the store in a fresh temp folder. `env` adds or overrides configuration.
 */
export async function startLocalStack(env: Record<string, string> = {}): Promise<LocalStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'layerlab-test-'));
  const server = await startNodeServer({
    PORT: '0',
    HOST: '127.0.0.1',
    LAYERLAB_DATA_DIR: dataDir,
    LAYERLAB_SCHEDULER_INTERVAL_MS: '200',
    ...env,
  });
  return {
    ...server,
    dataDir,
    request(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (json !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return fetch(`${server.url}${path}`, { ...rest, headers, ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
    },
    async stop() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls a job until it is finished (or the deadline passes), returning the final Job JSON. */
export async function waitForJob(stack: LocalStack, jobId: string, options: { timeoutMs?: number; onPoll?: (job: Record<string, unknown>) => void } = {}) {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const job = (await (await stack.request(`/v1/jobs/${jobId}`)).json()) as Record<string, unknown>;
    options.onPoll?.(job);
    if (['succeeded', 'failed', 'cancelled'].includes(job.status as string)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${String(job.status)} after ${options.timeoutMs ?? 120_000} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
