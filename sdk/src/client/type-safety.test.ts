import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE = join(here, 'type-safety.fixture.ts');
const MARKER = '// @ts-expect-error';

describe('types from the zod contract', () => {
  it('reject a wrong spec field at compile time: exactly the marked lines fail once the markers are removed', () => {
    const source = readFileSync(FIXTURE, 'utf8');
    const lines = source.split('\n');
    // a marker applies to the line after it: those are the lines that must fail to compile
    const expected = lines.flatMap((line, index) => (line.trim().startsWith(MARKER) ? [index + 2] : []));
    const stripped = lines.map((line) => (line.trim().startsWith(MARKER) ? '' : line)).join('\n');
    const config = ts.readConfigFile(join(here, '../../../tsconfig.base.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, join(here, '../../..'));
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    host.readFile = (file) => (file === FIXTURE ? stripped : readFile(file));
    const program = ts.createProgram([FIXTURE], { ...options, noEmit: true }, host);
    const failing = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName === FIXTURE && d.start !== undefined)
      .map((d) => (d.file as ts.SourceFile).getLineAndCharacterOfPosition(d.start as number).line + 1);
    expect(expected).toHaveLength(13);
    expect([...new Set(failing)].sort((a, b) => a - b)).toEqual(expected);
  });
});
