/** How long an artifact URL works without the API key. */
export const ARTIFACT_TOKEN_TTL_MS = 15 * 60 * 1000;

const encoder = new TextEncoder();

async function mac(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const bytes = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** `<expiry ms>.<tenant>.<hmac>`: lets a URL fetch one model's files until it expires. */
export async function artifactToken(options: { secret: string; tenant: string; modelId: string; expiresAt: number }) {
  return `${options.expiresAt}.${options.tenant}.${await mac(options.secret, `${options.tenant}:${options.modelId}:${options.expiresAt}`)}`;
}

/** The tenant a token grants for this model, or null if it is forged, for another model or expired. */
export async function checkArtifactToken(options: { secret: string; token: string; modelId: string; now?: number }) {
  const match = /^(\d{13})\.([a-z0-9][a-z0-9_-]{0,62})\.([0-9a-f]{64})$/.exec(options.token);
  if (match === null) return null;
  const expiresAt = Number(match[1]);
  const tenant = match[2] as string;
  if (expiresAt < (options.now ?? Date.now())) return null;
  const expected = await mac(options.secret, `${tenant}:${options.modelId}:${expiresAt}`);
  let diff = 0;
  for (let i = 0; i < expected.length; i += 1) diff |= expected.charCodeAt(i) ^ (match[3] as string).charCodeAt(i);
  return diff === 0 ? tenant : null;
}
