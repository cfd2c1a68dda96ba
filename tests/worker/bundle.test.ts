import { describe, expect, it } from 'vitest';
import { measureWorkerBundle } from '../../infra/bundle-size.js';

// `wrangler deploy --dry-run`: bundles api/src/worker.ts exactly as a deploy would, uploads nothing.
describe('the Worker bundle', () => {
  it('builds with wrangler deploy --dry-run, stays small, and holds no Node-only or tfjs code', async () => {
    const report = await measureWorkerBundle();
    expect(report.log).toContain('--dry-run: exiting now');
    expect(report.inputs).toContain('api/src/worker.ts');
    for (const nodeOnly of ['api/src/node.ts', 'api/src/store/fs-store.ts', 'api/src/store/node-store.ts', 'api/src/local/local-trainer.ts']) {
      expect(report.inputs).not.toContain(nodeOnly);
    }
    expect(report.inputs.filter((file) => /@tensorflow|@hono\/node-server|trainer\/src/.test(file))).toEqual([]);
    // Workers' free plan takes 3 MiB compressed; keep well inside (measured: see BENCHMARKS.md)
    expect(report.gzipBytes).toBeLessThan(600 * 1024);
    expect(report.rawBytes).toBeLessThan(3 * 1024 * 1024);
    // the parts add up to (nearly) the whole file: esbuild's glue is the rest
    const sum = report.parts.reduce((total, part) => total + part.bytes, 0);
    expect(sum).toBeLessThanOrEqual(report.rawBytes);
    expect(sum).toBeGreaterThan(report.rawBytes * 0.9);
  });
});
