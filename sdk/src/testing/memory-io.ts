import type { CliIo } from '../cli/io.js';

/** Test double of the terminal: captures output, serves files from a map, fakes Ctrl-C. */
export function memoryIo(options: { files?: Record<string, string>; tty?: boolean; env?: Record<string, string>; stdin?: string; cwd?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const handlers = new Set<() => void>();
  const io: CliIo = {
    stdout: { write: (text) => void out.push(text), isTTY: options.tty ?? false, columns: 100 },
    stderr: { write: (text) => void err.push(text), isTTY: false, columns: 100 },
    env: options.env ?? {},
    cwd: options.cwd ?? '/work',
    async readText(path) {
      const text = options.files?.[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
      return text;
    },
    readStdin: async () => options.stdin ?? '',
    onInterrupt(handler) {
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },
  };
  return {
    io,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
    interrupt: () => handlers.forEach((handler) => handler()),
  };
}
