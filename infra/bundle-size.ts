import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface BundleReport {
  rawBytes: number;
  gzipBytes: number;
  /** Bytes each package (or folder of ours) contributes to worker.js, largest first. */
  parts: { name: string; bytes: number }[];
  /** Every source file in the bundle, relative to the repository. */
  inputs: string[];
  /** wrangler's own output. */
  log: string;
}

interface Metafile {
  outputs: Record<string, { inputs?: Record<string, { bytesInOutput: number }> }>;
}

/** The package a bundled file belongs to (`zod`, `@aws-sdk/client-s3`) or our folder (`api/src/store`). */
function partOf(file: string): string {
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg !== null) return pkg[1] as string;
  const ours = file.replace(/^(\.\.\/)+/, '');
  return ours.split('/').slice(0, ours.startsWith('api/src/') && ours.split('/').length > 3 ? 3 : 2).join('/');
}

/** Runs `wrangler deploy --dry-run` (nothing leaves the machine) and measures what it would upload. */
export async function measureWorkerBundle(): Promise<BundleReport> {
  const out = await mkdtemp(join(tmpdir(), 'layerlab-bundle-'));
  try {
    const wrangler = join(ROOT, 'node_modules', '.bin', 'wrangler');
    const { stdout, stderr } = await promisify(execFile)(
      wrangler,
      ['deploy', '--dry-run', '--config', 'infra/wrangler.toml', '--outdir', out, '--metafile', join(out, 'meta.json')],
      { cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true' }, maxBuffer: 16 * 1024 * 1024 },
    );
    const code = await readFile(join(out, 'worker.js'));
    const meta = JSON.parse(await readFile(join(out, 'meta.json'), 'utf8')) as Metafile;
    const output = Object.entries(meta.outputs).find(([name]) => name.endsWith('worker.js'))?.[1];
    const totals = new Map<string, number>();
    const inputs: string[] = [];
    for (const [file, info] of Object.entries(output?.inputs ?? {})) {
      inputs.push(file.replace(/^(\.\.\/)+/, ''));
      totals.set(partOf(file), (totals.get(partOf(file)) ?? 0) + info.bytesInOutput);
    }
    const parts = [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
    return { rawBytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength, parts, inputs, log: stdout + stderr };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** `pnpm tsx infra/bundle-size.ts`: prints the table BENCHMARKS.md carries. */
async function main(): Promise<void> {
  const report = await measureWorkerBundle();
  console.log(`worker.js: ${kib(report.rawBytes)} raw, ${kib(report.gzipBytes)} gzip (level 9)\n`);
  console.log('| part | bytes in worker.js | share |\n|---|---:|---:|');
  for (const part of report.parts.filter((p) => p.bytes >= 2048)) {
    console.log(`| ${part.name} | ${kib(part.bytes)} | ${((100 * part.bytes) / report.rawBytes).toFixed(1)} % |`);
  }
  const rest = report.parts.filter((p) => p.bytes < 2048).reduce((sum, p) => sum + p.bytes, 0);
  console.log(`| everything smaller (${report.parts.filter((p) => p.bytes < 2048).length} parts) | ${kib(rest)} | ${((100 * rest) / report.rawBytes).toFixed(1)} % |`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
