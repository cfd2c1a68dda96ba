import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the stand-in answers: drop connections (down), 503 (busy), delay then forward, or forward. */
export type ProxyMode = { kind: 'down' } | { kind: 'busy'; retryAfterSeconds: number } | { kind: 'up'; delayMs?: number };

export interface TrainerProxy {
  url: string;
  mode: ProxyMode;
  /** Where 'up' forwards to (a real trainer process). */
  target: string | null;
  /** Requests seen per path, whatever the mode. */
  seen: Map<string, number>;
  /** Status of every /v1/run answer the real trainer gave (through 'up'). */
  runAnswers: number[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A loopback front for a real trainer process with a stable URL, so a test can take the trainer
 * "down", make it "busy" or slow, and bring it back, as a platform's load balancer would.
 */
export async function startTrainerProxy(): Promise<TrainerProxy> {
  const proxy: Omit<TrainerProxy, 'url' | 'close'> = { mode: { kind: 'down' }, target: null, seen: new Map(), runAnswers: [] };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = req.url ?? '/';
      proxy.seen.set(path, (proxy.seen.get(path) ?? 0) + 1);
      const body = await readBody(req);
      const mode = proxy.mode;
      if (mode.kind === 'down' || proxy.target === null) {
        req.socket.destroy(); // like a connection reset: the dispatcher sees no answer
        return;
      }
      if (mode.kind === 'busy') {
        res.writeHead(503, { 'retry-after': String(mode.retryAfterSeconds), 'content-type': 'application/json' });
        res.end('{"accepted":false}');
        return;
      }
      if (mode.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, mode.delayMs));
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'x-layerlab-signature']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const answer = await fetch(`${proxy.target}${path}`, { method: req.method ?? 'GET', headers, ...(body.length > 0 ? { body: new Uint8Array(body) } : {}) });
      if (path === '/v1/run') proxy.runAnswers.push(answer.status);
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
