import type { PreprocessingArtifact, Row } from '@layerlab/sdk/spec';

/** A prediction row that cannot be encoded; `path` is like `rows.3.sqft`. */
export class RowError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
    this.name = 'RowError';
  }
}

function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return null;
    const parsed = Number(trimmed);
    return Number.isFinite(parsed) ? parsed : Number.NaN;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  return Number.NaN;
}

/**
 * Raw rows → model input, replaying preprocessing.json. A feature missing from a row is an
 * error (null means "missing" and is imputed); extra keys (the target, ids) are ignored.
 */
export function encodeRows(artifact: PreprocessingArtifact, rows: Row[]): Float32Array {
  const out = new Float32Array(rows.length * artifact.inputSize);
  const errors: RowError[] = [];
  rows.forEach((row, i) => {
    let offset = 0;
    for (const feature of artifact.features) {
      const base = i * artifact.inputSize + offset;
      const present = Object.hasOwn(row, feature.name);
      const value = present ? row[feature.name] : undefined;
      if (!present) errors.push(new RowError(`rows.${i}.${feature.name}`, `missing feature "${feature.name}" (send null to impute it)`));
      if (feature.type === 'numeric') {
        const parsed = value === null || value === undefined ? null : numberOf(value);
        if (Number.isNaN(parsed)) {
          errors.push(new RowError(`rows.${i}.${feature.name}`, `expected a number, got ${JSON.stringify(value)}`));
        }
        const raw = parsed === null || Number.isNaN(parsed) ? feature.impute : parsed;
        out[base] = (raw - feature.center) / feature.scale;
        offset += 1;
      } else {
        const text = value === null || value === undefined ? feature.impute : String(value).trim();
        const slot = feature.categories.indexOf(text);
        out[base + (slot === -1 ? feature.categories.length : slot)] = 1;
        offset += feature.categories.length + 1;
      }
    }
  });
  if (errors.length > 0) throw new AggregateRowError(errors);
  return out;
}

export class AggregateRowError extends Error {
  constructor(readonly errors: RowError[]) {
    super(`${errors.length} problem(s) in rows: ${errors.slice(0, 3).map((error) => `${error.path} ${error.message}`).join('; ')}`);
    this.name = 'AggregateRowError';
  }
}
