import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';

/** A writable terminal stream as the CLI sees it. */
export interface OutStream {
  write(text: string): void;
  isTTY: boolean;
  /** Terminal width; 80 when unknown. */
  columns: number;
}

/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
  /** Where relative paths start: the directory the user typed the command in. */
  cwd: string;
  readText(path: string): Promise<string>;
  readStdin(): Promise<string>;
  /** Registers a Ctrl-C handler; returns its removal. */
  onInterrupt(handler: () => void): () => void;
}

function stream(target: NodeJS.WriteStream): OutStream {
  return {
    write: (text) => void target.write(text),
    get isTTY() {
      return target.isTTY === true;
    },
    get columns() {
      return target.columns ?? 80;
    },
  };
}

/**
 * Where the user typed the command. `pnpm layerlab` runs the root script in the repo root and
 * says where the user was in INIT_CWD; any other launch (INIT_CWD may linger from an outer npm
 * script) starts from the process's own directory.
 */
export function userCwd(env: NodeJS.ProcessEnv = process.env): string {
  const viaOurScript = env.npm_lifecycle_event === 'layerlab' && env.INIT_CWD !== undefined && env.INIT_CWD !== '';
  return viaOurScript ? (env.INIT_CWD as string) : process.cwd();
}

/** The real process's terminal, files and signals. */
export function processIo(): CliIo {
  const cwd = userCwd();
  return {
    stdout: stream(process.stdout),
    stderr: stream(process.stderr),
    env: process.env,
    cwd,
    readText: (path) => readFile(isAbsolute(path) ? path : resolve(cwd, path), 'utf8'),
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    onInterrupt(handler) {
      let count = 0;
      // the first Ctrl-C lets the command stop cleanly; a second one ends the process at once
      const listener = () => {
        count += 1;
        if (count > 1) process.exit(130);
        handler();
      };
      process.on('SIGINT', listener);
      return () => void process.off('SIGINT', listener);
    },
  };
}

/** A path as the user meant it, relative to where they typed the command. */
export function userPath(io: CliIo, path: string): string {
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}
