import { createRandom } from '@layerlab/trainer/random';

/** Cells of a generated row; '' is a missing cell. */
type Cell = string | number;

function toCsv(header: string[], rows: Cell[][]): string {
  return `${header.join(',')}\n${rows.map((row) => row.join(',')).join('\n')}\n`;
}

/**
 * A classification with a learnable, non-linear boundary: "in" when x1² + x2² is below a radius² that
 * depends on a categorical column (north 5.5, south 2.5, east 4). A linear model cannot separate it;
 * an MLP can. 3% of x1 and region cells are missing; `noise` carries no signal.
 */
export function ringsCsv(rows = 1200, seed = 1): string {
  const random = createRandom(seed);
  const radius2 = { north: 5.5, south: 2.5, east: 4 } as const;
  const regions = Object.keys(radius2) as (keyof typeof radius2)[];
  const data: Cell[][] = [];
  for (let i = 0; i < rows; i += 1) {
    const x1 = random() * 6 - 3;
    const x2 = random() * 6 - 3;
    const region = regions[Math.floor(random() * 3)] ?? 'east';
    const label = x1 * x1 + x2 * x2 < radius2[region] ? 'in' : 'out';
    data.push([random() < 0.03 ? '' : x1.toFixed(4), x2.toFixed(4), random() < 0.03 ? '' : region, (random() * 100).toFixed(2), label]);
  }
  return toCsv(['x1', 'x2', 'region', 'noise', 'label'], data);
}

/** The ring label of a point, for checking predictions. */
export function ringLabel(x1: number, x2: number, region: 'north' | 'south' | 'east'): 'in' | 'out' {
  const radius2 = { north: 5.5, south: 2.5, east: 4 }[region];
  return x1 * x1 + x2 * x2 < radius2 ? 'in' : 'out';
}

/** y = 3·x1 − 2·x2² + offset(grade) + N(0, 0.5²) with offsets a: +5, b: −5, c: 0; 3% of x2 missing. */
export function curveCsv(rows = 800, seed = 2): string {
  const random = createRandom(seed);
  const offsets = { a: 5, b: -5, c: 0 } as const;
  const grades = Object.keys(offsets) as (keyof typeof offsets)[];
  const data: Cell[][] = [];
  for (let i = 0; i < rows; i += 1) {
    const x1 = random() * 4 - 2;
    const x2 = random() * 4 - 2;
    const grade = grades[Math.floor(random() * 3)] ?? 'c';
    // Box–Muller for the noise
    const noise = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()) * 0.5;
    const y = 3 * x1 - 2 * x2 * x2 + offsets[grade] + noise;
    data.push([x1.toFixed(4), random() < 0.03 ? '' : x2.toFixed(4), grade, y.toFixed(4)]);
  }
  return toCsv(['x1', 'x2', 'grade', 'y'], data);
}

export function curveValue(x1: number, x2: number, grade: 'a' | 'b' | 'c'): number {
  return 3 * x1 - 2 * x2 * x2 + { a: 5, b: -5, c: 0 }[grade];
}
