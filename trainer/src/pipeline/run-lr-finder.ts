import type { ObjectStore } from '@layerlab/api/store';
import type { LrFinderOptions, LrFinderResult, TrainingSpec } from '@layerlab/sdk/spec';
import { CancelledError } from '../errors.js';
import type { Callback, LoopContext } from '../train/callbacks.js';
import { buildModel } from './build-model.js';
import { loadDataset } from './load.js';
import { rangeTestFor } from './lr-finder-run.js';
import { outputUnits } from './preprocess.js';
import { disposePrepared, prepareData } from './prepare.js';

/** Stops the range test when its owner cancels (checked after each epoch of the loop). */
class CancelCheck implements Callback {
  readonly name = 'cancel-check';

  constructor(private readonly shouldCancel: () => Promise<boolean>) {}

  async onEpochEnd(_metrics: unknown, ctx: LoopContext): Promise<void> {
    if (await this.shouldCancel()) ctx.stop('cancelled', 'cancelled by request');
  }
}

/** An lr_finder job: load → preprocess → build → Leslie Smith's range test on the training split. */
export async function runLrFinder(run: {
  store: ObjectStore;
  tenant: string;
  spec: TrainingSpec;
  finder: LrFinderOptions;
  shouldCancel: () => Promise<boolean>;
}): Promise<LrFinderResult> {
  const { spec } = run;
  const { table, meta } = await loadDataset({ store: run.store, tenant: run.tenant, datasetId: spec.dataset });
  const data = prepareData({ table, meta, spec });
  const model = buildModel({ spec, task: data.task, inputSize: data.artifact.inputSize, outputUnits: outputUnits(data.artifact.target) });
  try {
    const { result, cancelled } = await rangeTestFor({ spec, task: data.task, model, data, finder: run.finder, callbacks: [new CancelCheck(run.shouldCancel)] });
    if (cancelled) throw new CancelledError('cancelled by request');
    return result;
  } finally {
    model.dispose();
    disposePrepared(data);
  }
}
