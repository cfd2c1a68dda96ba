import * as tf from '@tensorflow/tfjs';
import { newId } from '@layerlab/api/ids';
import type { ObjectStore } from '@layerlab/api/store';
import type { Backend, Best, EpochMetrics, Model, TestMetrics, TrainingSpec, TrainResult } from '@layerlab/sdk/spec';
import { CheckpointCallback, type CheckpointOptions } from '../checkpoint/checkpoint-callback.js';
import { CancelledError, DivergedError } from '../errors.js';
import { withSeededMathRandom } from '../random.js';
import type { Callback } from '../train/callbacks.js';
import { EarlyStoppingCallback } from '../train/early-stopping.js';
import { evaluateSplit } from '../train/evaluate.js';
import { fit } from '../train/fit-loop.js';
import { ProgressCallback, type ProgressUpdate } from '../train/progress-callback.js';
import { createTrainingKit, type TrainingKit } from '../train/training-kit.js';
import { buildModel, regularizationOf } from './build-model.js';
import { describeArchitecture, exportModel } from './export-model.js';
import { resolveLearningRate } from './lr-finder-run.js';
import { loadDataset } from './load.js';
import { outputUnits } from './preprocess.js';
import { disposePrepared, prepareData } from './prepare.js';
import { finishSwa } from './swa-finish.js';

export interface TrainingRun {
  store: ObjectStore;
  tenant: string;
  jobId: string;
  spec: TrainingSpec;
  backend: Backend;
  /** Called after every epoch; 'cancel' stops training (CancelledError). */
  progress: (update: ProgressUpdate) => Promise<'continue' | 'cancel'>;
  /** More callbacks (a sweep trial's ASHA rule), run after early stopping and before progress; default none. */
  callbacks?: Callback[];
  /** Checkpoint every epoch and resume from the job's last checkpoint (default on); `beforeWrite` guards the lease. */
  checkpoint?: Pick<CheckpointOptions, 'runId' | 'beforeWrite'> | false;
}

export interface TrainingOutcome {
  modelId: string;
  testMetrics: TestMetrics;
  best: Best | null;
  stoppedEarly: boolean;
  history: EpochMetrics[];
  /** The lr used (and the LR finder run for "auto"), SWA's before/after metrics. */
  result: TrainResult;
}

/** The whole pipeline for a train job: load → profile → preprocess → split → build → fit → evaluate → export. */
export async function runTraining(run: TrainingRun): Promise<TrainingOutcome> {
  const { spec } = run;
  const { table, meta } = await loadDataset({ store: run.store, tenant: run.tenant, datasetId: spec.dataset });
  const data = prepareData({ table, meta, spec });
  const model = buildModel({ spec, task: data.task, inputSize: data.artifact.inputSize, outputUnits: outputUnits(data.artifact.target) });
  let kit: TrainingKit | null = null;
  try {
    // "auto" runs the LR range test first (the weights are put back afterwards)
    const { learningRate, lrFinder } = await resolveLearningRate({ spec, task: data.task, model, data });
    const knobs = createTrainingKit({ spec, task: data.task, learningRate });
    kit = knobs;
    const { optimizer, loss } = knobs;
    const earlyStopping = spec.earlyStopping === false ? null : new EarlyStoppingCallback(spec.earlyStopping);
    // the schedule, then SWA (it overrides the schedule's lr once averaging starts)
    const callbacks: Callback[] = [...knobs.callbacks];
    if (earlyStopping !== null) callbacks.push(earlyStopping);
    callbacks.push(...(run.callbacks ?? []));
    // after every stateful callback (it saves what they decided this epoch), before progress reports it
    const checkpoint =
      run.checkpoint === false ? null : new CheckpointCallback({ store: run.store, tenant: run.tenant, jobId: run.jobId, callbacks: [...callbacks], ...run.checkpoint });
    const resumed = (await checkpoint?.load()) ?? null;
    if (checkpoint !== null) callbacks.push(checkpoint);
    callbacks.push(new ProgressCallback(run.progress, () => earlyStopping?.bestSoFar ?? null));
    const result = await withSeededMathRandom(spec.seed, () =>
      fit({
        model,
        optimizer,
        loss,
        target: data.artifact.target,
        train: data.train,
        validation: data.validation,
        batchSize: spec.batchSize,
        epochs: spec.epochs,
        seed: spec.seed,
        callbacks,
        regularization: regularizationOf(model),
        transformGradients: knobs.transformGradients,
        ...(resumed === null ? {} : { initialEpoch: resumed.initialEpoch, history: resumed.history }),
      }),
    );
    if (result.stopReason === 'cancelled') throw new CancelledError('cancelled by request');
    if (result.stopReason === 'diverged') {
      throw new DivergedError(`${result.stopDetail ?? 'training diverged'}; lower optimizer.learningRate (or run the LR finder)`);
    }
    const swa = knobs.swa === null ? null : await finishSwa({ swa: knobs.swa, model, loss, data });
    const evaluation = await evaluateSplit({ model, loss, target: data.artifact.target, data: data.test ?? data.validation ?? data.train });
    const testMetrics: TestMetrics = Object.fromEntries(Object.entries(evaluation).filter(([, value]) => value !== undefined));
    const modelId = newId('model');
    const card: Model = {
      id: modelId,
      jobId: run.jobId,
      task: data.task,
      features: data.artifact.features.map((feature) => ({ name: feature.name, type: feature.type === 'numeric' ? 'numeric' : 'categorical' })),
      target: spec.target,
      ...(data.artifact.target.type === 'binary' || data.artifact.target.type === 'multiclass' ? { classes: data.artifact.target.classes } : {}),
      ...(data.artifact.target.type === 'multilabel' ? { classes: data.artifact.target.names } : {}),
      architecture: describeArchitecture(model),
      testMetrics,
      backend: run.backend,
      createdAt: new Date().toISOString(),
    };
    await exportModel({ store: run.store, tenant: run.tenant, model, preprocessing: data.artifact, card });
    return {
      modelId,
      testMetrics,
      best: earlyStopping?.bestSoFar ?? null,
      stoppedEarly: (earlyStopping?.stoppedEarly ?? false) || result.stopReason === 'pruned',
      history: result.history,
      result: { learningRate, ...(lrFinder === null ? {} : { lrFinder }), ...(swa === null ? {} : { swa }) },
    };
  } finally {
    kit?.dispose();
    model.dispose();
    disposePrepared(data);
  }
}
