import { describe, expect, it } from 'vitest';
import { userCwd } from './io.js';

describe('userCwd', () => {
  it('trusts INIT_CWD only when pnpm ran our own `layerlab` script', () => {
    expect(userCwd({ npm_lifecycle_event: 'layerlab', INIT_CWD: '/home/me/data' })).toBe('/home/me/data');
    // left over from an outer `pnpm test` or `npm run build`: the process's own directory wins
    expect(userCwd({ npm_lifecycle_event: 'test', INIT_CWD: '/somewhere/else' })).toBe(process.cwd());
    expect(userCwd({})).toBe(process.cwd());
  });
});
