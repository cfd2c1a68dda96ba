import { describe, expect, it } from 'vitest';
import { ashaDecide, bestUpTo, rungAt } from './asha-rule.js';

describe('rungAt', () => {
  it('finds rungs at minEpochs·eta^k', () => {
    // minEpochs 2, eta 3 → rungs at epochs 2, 6, 18
    const rungs = Array.from({ length: 20 }, (_, i) => rungAt({ epoch: i + 1, minEpochs: 2, eta: 3 }));
    expect(rungs.map((r, i) => (r === null ? null : [i + 1, r])).filter((x) => x !== null)).toEqual([[2, 0], [6, 1], [18, 2]]);
    expect(rungAt({ epoch: 1, minEpochs: 1, eta: 2 })).toBe(0);
    expect(rungAt({ epoch: 8, minEpochs: 1, eta: 2 })).toBe(3);
  });
});

describe('bestUpTo', () => {
  const history = [
    { epoch: 1, loss: 1, valLoss: 0.9, valAccuracy: 0.5, lr: 0.001, seconds: 1 },
    { epoch: 2, loss: 0.8, valLoss: 0.7, valAccuracy: 0.6, lr: 0.001, seconds: 1 },
    { epoch: 3, loss: 0.7, valLoss: 0.75, valAccuracy: 0.58, lr: 0.001, seconds: 1 },
    { epoch: 4, loss: 0.6, valLoss: 0.5, valAccuracy: 0.7, lr: 0.001, seconds: 1 },
  ];
  it('takes the best value so far in the goal direction, ignoring later epochs', () => {
    expect(bestUpTo({ history, epoch: 3, metric: 'valLoss', goal: 'minimize' })).toBe(0.7);
    expect(bestUpTo({ history, epoch: 3, metric: 'valAccuracy', goal: 'maximize' })).toBe(0.6);
    expect(bestUpTo({ history, epoch: 4, metric: 'valLoss', goal: 'minimize' })).toBe(0.5);
    expect(bestUpTo({ history, epoch: 4, metric: 'valMae', goal: 'minimize' })).toBeNull();
  });
});

/**
 * A scripted sweep with eta = 3, minimize valLoss. Trials reach rung 0 in this order, each seeing
 * the values recorded before it plus its own. keep = max(1, ⌊n/3⌋); continue iff rank ≤ keep.
 *
 *  arrives  value  values at the rung           n  rank  keep  decision
 *  A        0.50   [0.50]                        1  1     1     continue
 *  B        0.40   [0.50, 0.40]                  2  1     1     continue
 *  C        0.60   [0.50, 0.40, 0.60]            3  3     1     stop
 *  D        0.45   [.50, .40, .60, .45]          4  2     1     stop
 *  E        0.30   [.50, .40, .60, .45, .30]     5  1     1     continue
 *  F        0.42   [... , .42]                   6  3     2     stop    (0.30, 0.40 better)
 *  G        0.35   [... , .35]                   7  2     2     continue
 */
describe('ashaDecide on a scripted table', () => {
  const table = [
    ['A', 0.5, true, 1, 1],
    ['B', 0.4, true, 1, 2],
    ['C', 0.6, false, 3, 3],
    ['D', 0.45, false, 2, 4],
    ['E', 0.3, true, 1, 5],
    ['F', 0.42, false, 3, 6],
    ['G', 0.35, true, 2, 7],
  ] as const;
  it('decides each arrival from what was recorded before it', () => {
    const recorded: number[] = [];
    for (const [name, value, continues, rank, of] of table) {
      recorded.push(value);
      const decision = ashaDecide({ value, values: [...recorded], goal: 'minimize', eta: 3 });
      expect({ name, continue: decision.continue, rank: decision.rank, of: decision.of }).toEqual({ name, continue: continues, rank, of });
    }
  });

  it('maximizes accuracy the other way round, and ties share the better rank', () => {
    // eta 2, values [0.9, 0.8, 0.8, 0.7]: keep ⌊4/2⌋ = 2
    expect(ashaDecide({ value: 0.8, values: [0.9, 0.8, 0.8, 0.7], goal: 'maximize', eta: 2 })).toEqual({ continue: true, rank: 2, of: 4, keep: 2 });
    expect(ashaDecide({ value: 0.7, values: [0.9, 0.8, 0.8, 0.7], goal: 'maximize', eta: 2 })).toEqual({ continue: false, rank: 4, of: 4, keep: 2 });
    expect(ashaDecide({ value: 0.9, values: [0.9, 0.8, 0.8, 0.7], goal: 'maximize', eta: 2 })).toEqual({ continue: true, rank: 1, of: 4, keep: 2 });
  });
});
