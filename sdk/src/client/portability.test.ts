import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;

/** Every file reachable from `entry` through relative imports, and the packages they import. */
function moduleGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2] ?? match[3]) as string;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { files: [...files].map((file) => relative(SRC, file)), packages };
}

const NODE_BUILTINS = new Set(builtinModules);
const isNodeOnly = (specifier: string) => specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0] as string);

describe('the client runs anywhere fetch does', () => {
  it('imports no Node module and no package but zod from @layerlab/sdk', () => {
    const { files, packages } = moduleGraph(join(SRC, 'index.ts'));
    expect(files).toContain('client/http-client.ts');
    expect([...packages].filter(isNodeOnly)).toEqual([]);
    expect([...packages].sort()).toEqual(['zod']);
    expect(files.filter((file) => file.startsWith('node/') || file.startsWith('cli/'))).toEqual([]);
  });

  it('uses no Node globals (Buffer, process, require) in the client', () => {
    const { files } = moduleGraph(join(SRC, 'index.ts'));
    const offenders = files.filter((file) => {
      const code = readFileSync(join(SRC, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      // `process?:` as a property name (env.ts types globalThis) is not a use of the global
      return /(?<![.\w])(Buffer|process|require|__dirname)\b(?!\??:)/.test(code);
    });
    expect(offenders).toEqual([]);
  });

  it('keeps Node-only code in the node entry (the check above does see node: imports)', () => {
    const { packages } = moduleGraph(join(SRC, 'node/index.ts'));
    expect([...packages].filter(isNodeOnly).sort()).toEqual(['node:fs', 'node:path']);
  });
});
