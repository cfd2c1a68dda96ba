import { describe, expect, it } from 'vitest';
import type { Sweep } from '../../spec/index.js';
import { jobFixture } from '../../testing/fixtures.js';
import { flatten, specDifferences } from './compare.js';
import { findCommand } from './index.js';
import { predictionCells } from './predict.js';
import { leaderboard } from './sweeps.js';

describe('command helpers', () => {
  it('finds two-word commands before one-word ones, and groups', () => {
    expect(findCommand(['jobs', 'list', 'x'])).toMatchObject({ command: { name: 'jobs list' }, consumed: 2 });
    expect(findCommand(['train', 'spec.json'])).toMatchObject({ command: { name: 'train' }, consumed: 1 });
    expect(findCommand(['sweeps'])).toEqual({ group: 'sweeps' });
    expect(() => findCommand(['jobs', 'lst'])).toThrow('unknown command "jobs lst"; try: jobs list, jobs get, jobs cancel, jobs watch');
    expect(() => findCommand(['metric', 'job_x'])).toThrow('did you mean metrics?');
  });

  it('flattens specs to dotted paths and lists only the paths that differ', () => {
    expect(flatten({ a: { b: 1, c: [1, 2] }, d: null, e: 'text' })).toEqual({ 'a.b': '1', 'a.c': '[1,2]', d: 'null', e: 'text' });
    const base = jobFixture();
    const other = jobFixture({ spec: { ...base.spec, batchSize: 64, optimizer: { ...base.spec.optimizer, learningRate: 0.01 } } });
    expect(specDifferences([base, other])).toEqual([
      ['batchSize', '32', '64'],
      ['optimizer.learningRate', '0.001', '0.01'],
    ]);
  });

  it('renders every kind of prediction as cells', () => {
    expect(predictionCells({ label: 'b', probabilities: { a: 0.1, b: 0.7, c: 0.15, d: 0.05 } })).toEqual(['b', 'b 70.0%, c 15.0%, a 10.0%']);
    expect(predictionCells({ labels: [], probabilities: { a: 0.1 } })).toEqual(['(none ≥ 50%)', 'a 10.0%']);
    expect(predictionCells({ value: 151.23456 })).toEqual(['151.2', '']);
    expect(predictionCells({ values: { x: 1, y: 2.5 } })).toEqual(['x 1, y 2.5', '']);
  });

  it('ranks a sweep by its metric, best first, unfinished last, with ASHA stops', () => {
    const run = (index: number, metric: number | null, stopped = false) => ({
      index,
      jobId: `job_01JRUN${String(index).padStart(18, '0')}`,
      params: { 'model.hidden.units': 2 ** (index + 2) },
      status: metric === null ? ('running' as const) : ('succeeded' as const),
      metric,
      epochs: stopped ? 2 : 6,
      stoppedBy: stopped ? { rule: 'asha' as const, rung: 1, epoch: 2, rank: 3, of: 3, metric: 'valLoss' as const, value: 0.9 } : null,
    });
    const sweep = {
      id: 'swp_01JSWEEP00000000000000',
      name: 'size',
      status: 'running',
      method: 'grid',
      metric: { name: 'valLoss', goal: 'minimize' },
      maxRuns: 3,
      runs: [run(0, 0.5), run(1, null), run(2, 0.9, true), run(3, 0.2)],
      best: null,
    } as unknown as Sweep;
    const lines = leaderboard(sweep).split('\n').filter((line) => line.includes('job_01JRUN'));
    expect(lines.map((line) => line.trim().split(/\s+/).slice(0, 3))).toEqual([
      ['1', 'job_01JRUN000000000000000003', '0.2'],
      ['2', 'job_01JRUN000000000000000000', '0.5'],
      ['3', 'job_01JRUN000000000000000002', '0.9'],
      ['job_01JRUN000000000000000001', '—', '6'],
    ]);
    expect(lines[2]).toMatch(/units=16 {2}ASHA @2: 3\/3$/);
    expect(lines[3]).toMatch(/units=8 {3}running$/);
  });
});
