import { Script } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appFixture, type AppFixture } from '../testing/app-fixture.js';

let f: AppFixture;
beforeEach(async () => {
  f = await appFixture({ env: { LAYERLAB_API_KEYS: 'dashboard-key-123:acme' } });
});
afterEach(async () => f.close());

describe('GET /dashboard', () => {
  it('serves a self-contained page without a key (its API calls need one)', async () => {
    const response = await f.call('/dashboard');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'.*connect-src 'self'/);
    const html = await response.text();
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!github\.com\/leeoniya)/);
    for (const id of ['apikey', 'runs', 'metric', 'chart', 'lrchart', 'leaderboard', 'sweep']) expect(html).toContain(`id="${id}"`);
    expect((await f.call('/v1/jobs')).status).toBe(401);
  });

  it('ships scripts that parse (they are strings in TypeScript, so nothing else checks them)', async () => {
    const html = await (await f.call('/dashboard')).text();
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1] as string);
    expect(scripts).toHaveLength(2);
    for (const code of scripts) expect(() => new Script(code)).not.toThrow();
  });
});
