/** The header that carries `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`. */
export const SIGNATURE_HEADER = 'x-layerlab-signature';
/** Signatures older (or further in the future) than this are refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const encoder = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(message));
  return [...new Uint8Array(mac)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The signature header value for a body, at `now` (ms) — default the current time. */
export async function sign(options: { secret: string; body: string; now?: number }): Promise<string> {
  const t = Math.floor((options.now ?? Date.now()) / 1000);
  return `t=${t},v1=${await hmacHex(options.secret, `${t}.${options.body}`)}`;
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export type VerifyResult = { ok: true; mac: string } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/** Checks a signature header against the body; a valid one also returns its MAC (for replay checks). */
export async function verify(options: { secret: string; body: string; header: string | null | undefined; now?: number }): Promise<VerifyResult> {
  if (options.header === null || options.header === undefined || options.header === '') return { ok: false, reason: 'missing' };
  const parts = new Map(
    options.header.split(',').map((part) => {
      const cut = part.indexOf('=');
      return [part.slice(0, cut).trim(), part.slice(cut + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const mac = parts.get('v1');
  if (!Number.isInteger(t) || mac === undefined || !/^[0-9a-f]{64}$/.test(mac)) return { ok: false, reason: 'malformed' };
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - t) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };
  const expected = await hmacHex(options.secret, `${t}.${options.body}`);
  return constantTimeEqual(expected, mac) ? { ok: true, mac } : { ok: false, reason: 'mismatch' };
}

/**
 * Remembers MACs seen within the tolerance window, so a captured request cannot be replayed.
 * Per process: a replay to another trainer instance still meets the job's own state checks.
 */
export class ReplayGuard {
  private seen = new Map<string, number>();

  /** True the first time a MAC is seen; false for a replay. */
  accept(mac: string, now = Date.now()): boolean {
    for (const [key, expires] of this.seen) {
      if (expires < now) this.seen.delete(key);
      else break; // insertion order = expiry order
    }
    if (this.seen.has(mac)) return false;
    this.seen.set(mac, now + SIGNATURE_TOLERANCE_SECONDS * 2 * 1000);
    return true;
  }
}
