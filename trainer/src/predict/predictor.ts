import * as tf from '@tensorflow/tfjs';
import { getJson, keys, type ObjectStore } from '@layerlab/api/store';
import { PreprocessingArtifact, type Prediction, type Row } from '@layerlab/sdk/spec';
import { encodeRows } from './encode-rows.js';
// models may hold our custom layers (RReLU...); tf.loadLayersModel needs them registered
import '../train/layers/register.js';

interface LoadedModel {
  model: tf.LayersModel;
  artifact: PreprocessingArtifact;
}

/** No such model (for this tenant). */
export class ModelNotFoundError extends Error {
  override name = 'ModelNotFoundError';
}

const CACHE_SIZE = 8;

/** Turns network outputs back into what the user asked about: labels and probabilities, or values. */
export function formatPredictions(artifact: PreprocessingArtifact, outputs: Float32Array, rows: number): Prediction[] {
  const target = artifact.target;
  const width = outputs.length / Math.max(1, rows);
  return Array.from({ length: rows }, (_, i): Prediction => {
    const out = outputs.subarray(i * width, (i + 1) * width);
    if (target.type === 'regression') {
      const values = target.names.map((_name, j) => (out[j] ?? 0) * (target.scale[j] ?? 1) + (target.center[j] ?? 0));
      return target.names.length === 1 ? { value: values[0] ?? 0 } : { values: Object.fromEntries(target.names.map((name, j) => [name, values[j] ?? 0])) };
    }
    if (target.type === 'multilabel') {
      const probabilities = Object.fromEntries(target.names.map((name, j) => [name, out[j] ?? 0]));
      return { labels: target.names.filter((_name, j) => (out[j] ?? 0) >= 0.5), probabilities };
    }
    if (target.type === 'binary') {
      const p = out[0] ?? 0;
      const [negative, positive] = target.classes as [string, string];
      return { label: p >= 0.5 ? positive : negative, probabilities: { [negative]: 1 - p, [positive]: p } };
    }
    let best = 0;
    out.forEach((value, j) => {
      if (value > (out[best] ?? 0)) best = j;
    });
    return { label: target.classes[best] ?? '', probabilities: Object.fromEntries(target.classes.map((label, j) => [label, out[j] ?? 0])) };
  });
}

/** Loads models from the store (a small LRU cache) and predicts raw rows with their preprocessing. */
export class Predictor {
  private readonly cache = new Map<string, LoadedModel>();

  constructor(private readonly store: ObjectStore) {}

  private async load(tenant: string, modelId: string): Promise<LoadedModel> {
    const cacheKey = `${tenant}/${modelId}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) {
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, cached);
      return cached;
    }
    const k = keys.model(tenant, modelId);
    const [modelJson, weights, artifact] = await Promise.all([
      this.store.get(k.modelJson),
      this.store.get(k.weights),
      getJson(this.store, k.preprocessing, PreprocessingArtifact),
    ]);
    if (modelJson === null || weights === null || artifact === null) throw new ModelNotFoundError(`model ${modelId} does not exist`);
    const parsed = JSON.parse(new TextDecoder().decode(modelJson.body)) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    const weightData = weights.body.buffer.slice(weights.body.byteOffset, weights.body.byteOffset + weights.body.byteLength) as ArrayBuffer;
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: parsed.modelTopology, weightSpecs: parsed.weightsManifest.flatMap((group) => group.weights), weightData }),
    );
    const loaded = { model, artifact };
    this.cache.set(cacheKey, loaded);
    if (this.cache.size > CACHE_SIZE) {
      const [oldestKey, oldest] = this.cache.entries().next().value as [string, LoadedModel];
      oldest.model.dispose();
      this.cache.delete(oldestKey);
    }
    return loaded;
  }

  async predict(request: { tenant: string; modelId: string; rows: Row[] }): Promise<Prediction[]> {
    const { model, artifact } = await this.load(request.tenant, request.modelId);
    const inputs = encodeRows(artifact, request.rows);
    const shape = artifact.inputShape === undefined ? [request.rows.length, artifact.inputSize] : [request.rows.length, ...artifact.inputShape];
    const output = tf.tidy(() => model.predict(tf.tensor(inputs, shape, 'float32')) as tf.Tensor);
    try {
      return formatPredictions(artifact, (await output.data()) as Float32Array, request.rows.length);
    } finally {
      output.dispose();
    }
  }
}
