import * as tf from '@tensorflow/tfjs';
import { keys, putJson, type ObjectStore } from '@layerlab/api/store';
import type { Model, PreprocessingArtifact } from '@layerlab/sdk/spec';

/** model.json as tf.loadLayersModel reads it, pointing at weights.bin beside it. */
export async function serializeModel(model: tf.LayersModel): Promise<{ modelJson: Record<string, unknown>; weights: Uint8Array }> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = saved as tf.io.ModelArtifacts | null;
  if (artifacts === null) throw new Error('tfjs did not hand over the model artifacts');
  const data = artifacts.weightData;
  const buffers = data === undefined ? [] : Array.isArray(data) ? data : [data];
  const total = buffers.reduce((sum, buffer) => sum + buffer.byteLength, 0);
  const weights = new Uint8Array(total);
  let offset = 0;
  for (const buffer of buffers) {
    weights.set(new Uint8Array(buffer), offset);
    offset += buffer.byteLength;
  }
  const modelJson = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
  };
  return { modelJson, weights };
}

/** Writes a trained model's four files; the card last, so a model is visible only when whole. */
export async function exportModel(options: {
  store: ObjectStore;
  tenant: string;
  model: tf.LayersModel;
  preprocessing: PreprocessingArtifact;
  card: Model;
}): Promise<void> {
  const k = keys.model(options.tenant, options.card.id);
  const { modelJson, weights } = await serializeModel(options.model);
  await putJson(options.store, k.modelJson, modelJson);
  await options.store.put(k.weights, weights, { contentType: 'application/octet-stream' });
  await putJson(options.store, k.preprocessing, options.preprocessing);
  await putJson(options.store, k.card, options.card);
}

/** The layers of a model as the card lists them, and its parameter count. */
export function describeArchitecture(model: tf.LayersModel): Model['architecture'] {
  const layers = model.layers.map((layer) => {
    const config = layer.getConfig() as { units?: number; activation?: string };
    return {
      type: layer.getClassName(),
      ...(typeof config.units === 'number' ? { units: config.units } : {}),
      ...(typeof config.activation === 'string' ? { activation: config.activation } : {}),
    };
  });
  return { layers, params: model.countParams() };
}
