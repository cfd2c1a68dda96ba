import { z } from 'zod';

/** Every resource id: a type prefix, an underscore and a sortable unique suffix. */
export const ID_PATTERN = /^[a-z]{2,4}_[0-9A-Za-z]{10,40}$/;

/** Prefixes of the id kinds the API hands out. */
export const ID_PREFIX = {
  dataset: 'ds',
  job: 'job',
  model: 'mdl',
  sweep: 'swp',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

/** A schema for one kind of id (e.g. `ds_...`), checked before it ever touches storage. */
export function idSchema(kind: IdKind) {
  const prefix = ID_PREFIX[kind];
  return z
    .string()
    .regex(ID_PATTERN, `must be an id like ${prefix}_01J...`)
    .refine((value) => value.startsWith(`${prefix}_`), `must be a ${kind} id starting with "${prefix}_"`)
    .meta({ description: `A ${kind} id (\`${prefix}_...\`)`, example: `${prefix}_01JEXAMPLE00000000000000` });
}

export const DatasetId = idSchema('dataset');
export const JobId = idSchema('job');
export const ModelId = idSchema('model');
export const SweepId = idSchema('sweep');

/** ISO-8601 timestamp with milliseconds, always UTC. */
export const Timestamp = z.iso.datetime().meta({ example: '2026-12-04T19:00:00.000Z' });

/** A column name as it appears in the dataset's header row. */
export const ColumnName = z.string().min(1).max(256);
