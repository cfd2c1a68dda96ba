import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface LocalTrainerOptions {
  /** Environment for the child (store location, secret, backend...). */
  env: Record<string, string>;
  /** Path of the trainer's entry; default the workspace's trainer/src/server.ts. */
  entry?: string;
  log?: (message: string) => void;
}

const DEFAULT_ENTRY = fileURLToPath(new URL('../../../trainer/src/server.ts', import.meta.url));

/** Node flags that let the child run TypeScript: the parent's own if it runs under tsx, else tsx's loader. */
function typescriptExecArgv(): string[] {
  if (process.execArgv.some((arg) => arg.includes('tsx'))) return process.execArgv;
  return ['--import', import.meta.resolve('tsx')];
}

/**
 * Local mode's trainer: a child process speaking the same signed HTTP contract as a GPU
 * container, restarted (with backoff) whenever it dies. A job it was running is resumed by the
 * scheduler's stale-heartbeat rule.
 */
export class LocalTrainer {
  private child: ChildProcess | null = null;
  private port: number | null = null;
  private stopped = false;
  private restarts = 0;
  private readyWaiters: ((url: string) => void)[] = [];
  backend: string | null = null;

  constructor(private readonly options: LocalTrainerOptions) {}

  /** The trainer's base URL, or null while it is (re)starting. */
  url(): string | null {
    return this.port === null ? null : `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** Starts the process; resolves with its URL once it listens. */
  start(): Promise<string> {
    const entry = this.options.entry ?? DEFAULT_ENTRY;
    if (!existsSync(entry)) throw new Error(`trainer entry not found at ${entry}; set LAYERLAB_TRAINER_URL to use a remote trainer`);
    const ready = new Promise<string>((resolve) => this.readyWaiters.push(resolve));
    this.spawn(entry);
    return ready;
  }

  private spawn(entry: string): void {
    const child = fork(entry, [], {
      env: { ...process.env, ...this.options.env, PORT: '0', HOST: '127.0.0.1' },
      execArgv: typescriptExecArgv(),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child = child;
    child.on('message', (message: unknown) => {
      const m = message as { type?: string; port?: number; backend?: string };
      if (m.type === 'listening' && typeof m.port === 'number') {
        this.port = m.port;
        this.backend = m.backend ?? null;
        this.restarts = 0;
        for (const resolve of this.readyWaiters.splice(0)) resolve(this.url() as string);
      }
    });
    child.on('exit', (code, signal) => {
      this.port = null;
      this.child = null;
      if (this.stopped) return;
      this.restarts += 1;
      const delay = Math.min(30_000, 500 * 2 ** Math.min(this.restarts, 6));
      (this.options.log ?? console.error)(`trainer exited (${signal ?? code}); restarting in ${delay} ms`);
      setTimeout(() => {
        if (!this.stopped) this.spawn(entry);
      }, delay).unref();
    });
  }

  /** Kills the trainer (the test's "container reclaimed"); it is restarted automatically. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.child?.kill(signal);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const child = this.child;
    if (child === null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  }
}
