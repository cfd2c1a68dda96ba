import * as tf from '@tensorflow/tfjs';
import { Slots } from './slots.js';
import type { OptimizerState, TrainOptimizer } from './types.js';

/**
 * What every optimizer shares: the step count, per-variable slots and their checkpoint state.
 * A subclass computes its per-step constants once (`beginStep`, e.g. bias corrections) and says
 * how one variable moves given its gradient (`update`); each step runs inside one tf.tidy.
 */
export abstract class SlotOptimizer<Constants = undefined> implements TrainOptimizer {
  abstract readonly name: string;
  learningRate: number;
  momentum: number | null;
  protected step = 0;
  protected readonly slots = new Slots();

  constructor(options: { learningRate: number; momentum: number | null }) {
    this.learningRate = options.learningRate;
    this.momentum = options.momentum;
  }

  /** Per-step constants, computed after `step` has advanced. */
  protected abstract beginStep(): Constants;

  /** Moves one variable by its gradient (called inside tf.tidy). */
  protected abstract update(variable: tf.Variable, gradient: tf.Tensor, constants: Constants): void;

  apply(variables: tf.Variable[], grads: tf.NamedTensorMap): void {
    this.step += 1;
    const constants = this.beginStep();
    tf.tidy(() => {
      for (const variable of variables) {
        const gradient = grads[variable.name];
        if (gradient !== undefined) this.update(variable, gradient, constants);
      }
    });
  }

  /** Running scalars a subclass keeps beyond step and slots; default none. */
  protected saveScalars(): Record<string, number> | undefined {
    return undefined;
  }

  /** Puts back what saveScalars kept (called after `step` is restored). */
  protected loadScalars(_scalars: Record<string, number> | undefined): void {}

  async getState(): Promise<OptimizerState> {
    const scalars = this.saveScalars();
    return { name: this.name, step: this.step, slots: await this.slots.save(), ...(scalars === undefined ? {} : { scalars }) };
  }

  setState(state: OptimizerState): void {
    this.step = state.step;
    this.loadScalars(state.scalars);
    this.slots.load(state.slots);
  }

  dispose(): void {
    this.slots.dispose();
  }
}
