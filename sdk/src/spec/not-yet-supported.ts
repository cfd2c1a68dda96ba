import type { TrainingSpecFields as TrainingSpec } from './training-spec.js';

export interface UnsupportedField {
  path: (string | number)[];
  message: string;
}

const LATER = 'is not supported yet';

/**
 * Spec values the trainer cannot honour yet. The schema accepts a field only once it works:
 * until then a request that uses it gets 422 naming the field, never a silently ignored knob.
 */
export function notYetSupported(spec: TrainingSpec): UnsupportedField[] {
  const found: UnsupportedField[] = [];
  const flag = (path: (string | number)[], what: string) => found.push({ path, message: `${what} ${LATER}` });
  const { model } = spec;
  if (model.type !== 'mlp') flag(['model', 'type'], `"${model.type}"`);
  if (model.activation !== 'relu') flag(['model', 'activation'], `"${model.activation}"`);
  if (model.initializer !== 'auto' && model.initializer !== 'he_normal') flag(['model', 'initializer'], `"${model.initializer}"`);
  if (model.batchNorm) flag(['model', 'batchNorm'], 'batchNorm');
  if (model.dropout.rate !== 'auto' && model.dropout.rate !== 0) flag(['model', 'dropout', 'rate'], 'dropout');
  if (model.output.activation !== 'auto') flag(['model', 'output', 'activation'], `"${model.output.activation}"`);
  if (model.weightDecay !== 0) flag(['model', 'weightDecay'], 'weightDecay');
  if (Array.isArray(model.hidden)) {
    model.hidden.forEach((layer, index) => {
      if (typeof layer !== 'number') flag(['model', 'hidden', index], 'a per-layer object');
    });
  } else if (model.hidden.shape !== 'constant') flag(['model', 'hidden', 'shape'], `"${model.hidden.shape}"`);
  if (Array.isArray(spec.target)) flag(['target'], 'a list of targets');
  if (spec.task === 'multilabel') flag(['task'], '"multilabel"');
  if (spec.optimizer.learningRate === 'auto') flag(['optimizer', 'learningRate'], '"auto"');
  if (spec.schedule.type !== 'constant') flag(['schedule', 'type'], `"${spec.schedule.type}"`);
  for (const key of ['norm', 'globalNorm', 'value'] as const) {
    if (spec.clip[key] !== null) flag(['clip', key], `clip.${key}`);
  }
  if (spec.swa !== false) flag(['swa'], 'swa');
  if (spec.preprocessing.targetScaling !== 'auto' && spec.preprocessing.targetScaling !== 'standard') {
    flag(['preprocessing', 'targetScaling'], `"${spec.preprocessing.targetScaling}"`);
  }
  return found;
}
