import type { TrainingSpecFields as TrainingSpec } from './training-spec.js';

export interface UnsupportedField {
  path: (string | number)[];
  message: string;
}

/** A spec value the trainer cannot honour yet, and why the request using it is refused. */
interface Gate {
  path: (string | number)[];
  message: string;
  applies: (spec: TrainingSpec) => boolean;
}

/**
 * Spec values the trainer cannot honour yet. The schema accepts a field only once it works:
 * until then a request that uses it gets 422 naming the field, never a silently ignored knob.
 * Every knob of the guide works today, so the list is empty; a future field that ships in the
 * contract before the trainer honours it gets a gate here, removed in the commit that makes it work.
 */
export const GATES: readonly Gate[] = [];

/** The gated fields a spec uses (none today). */
export function notYetSupported(spec: TrainingSpec, gates: readonly Gate[] = GATES): UnsupportedField[] {
  return gates.filter((gate) => gate.applies(spec)).map((gate) => ({ path: gate.path, message: `${gate.message} is not supported yet` }));
}
