import type { ColumnProfile } from '@layerlab/sdk/spec';
import type { Column, Table } from './table.js';

const TOP_VALUES = 10;
/** A string column is free text (ids, names) when most values are unique and there are many. */
const TEXT_MIN_DISTINCT = 50;
const TEXT_DISTINCT_RATIO = 0.5;

function numericProfile(column: Column): ColumnProfile {
  let missing = 0;
  let count = 0;
  let mean = 0;
  let m2 = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const distinct = new Set<number>();
  for (const value of column.numbers) {
    if (Number.isNaN(value)) {
      missing += 1;
      continue;
    }
    count += 1;
    const delta = value - mean; // Welford: stable for large means
    mean += delta / count;
    m2 += delta * (value - mean);
    if (value < min) min = value;
    if (value > max) max = value;
    distinct.add(value);
  }
  if (count === 0) return { name: column.name, type: 'numeric', missing, distinct: 0 };
  return { name: column.name, type: 'numeric', missing, distinct: distinct.size, min, max, mean, std: Math.sqrt(m2 / count) };
}

function stringProfile(column: Column): ColumnProfile {
  let missing = 0;
  const counts = new Map<string, number>();
  for (const value of column.strings) {
    if (value === null) missing += 1;
    else counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const present = column.strings.length - missing;
  const top = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP_VALUES)
    .map(([value, count]) => ({ value, count }));
  const isText = counts.size > TEXT_MIN_DISTINCT && counts.size > TEXT_DISTINCT_RATIO * present;
  return { name: column.name, type: isText ? 'text' : 'categorical', missing, distinct: counts.size, top };
}

/** Types, missing counts and statistics of every column. */
export function profileTable(table: Table): ColumnProfile[] {
  return table.columns.map((column) => (column.kind === 'numeric' ? numericProfile(column) : stringProfile(column)));
}
