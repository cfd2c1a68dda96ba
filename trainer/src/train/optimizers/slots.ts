import * as tf from '@tensorflow/tfjs';
import type { OptimizerState } from './types.js';

/** Per-variable accumulators ("slots") an optimizer keeps between steps, saved in checkpoints. */
export class Slots {
  private readonly slots = new Map<string, tf.Variable>();

  /** The slot `kind` of a variable, created with `init` (default zeros) on first use. */
  get(kind: string, variable: tf.Variable, init = 0): tf.Variable {
    const key = `${kind}:${variable.name}`;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = tf.variable(tf.fill(variable.shape, init), false);
      this.slots.set(key, slot);
    }
    return slot;
  }

  async save(): Promise<OptimizerState['slots']> {
    const saved: OptimizerState['slots'] = [];
    for (const [name, slot] of this.slots) saved.push({ name, shape: slot.shape, values: Array.from(await slot.data()) });
    return saved;
  }

  load(saved: OptimizerState['slots']): void {
    this.dispose();
    // tidy frees the temporary tensor; the variable keeps its own reference to the data
    for (const slot of saved) this.slots.set(slot.name, tf.tidy(() => tf.variable(tf.tensor(slot.values, slot.shape), false)));
  }

  dispose(): void {
    for (const slot of this.slots.values()) slot.dispose();
    this.slots.clear();
  }
}
