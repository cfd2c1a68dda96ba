import * as tf from '@tensorflow/tfjs';

/**
 * Recomputes every BatchNormalization layer's moving mean and variance as the exact statistics
 * of its inputs over `x` (inference mode, one layer at a time, so each sees the corrected layers
 * before it). SWA needs this: averaged weights make the running statistics stale.
 */
export async function recomputeBatchNorm(options: { model: tf.LayersModel; x: tf.Tensor; batchSize?: number }): Promise<number> {
  const { model, x } = options;
  const batchSize = options.batchSize ?? 1024;
  const count = x.shape[0] ?? 0;
  let updated = 0;
  for (let k = 0; k < model.layers.length; k += 1) {
    const layer = model.layers[k] as tf.layers.Layer;
    if (layer.getClassName() !== 'BatchNormalization' || count === 0) continue;
    let sum: Float64Array | null = null;
    let sumSquares: Float64Array | null = null;
    let n = 0;
    for (let start = 0; start < count; start += batchSize) {
      const size = Math.min(batchSize, count - start);
      const [s, ss, rows] = tf.tidy(() => {
        let h: tf.Tensor = tf.slice(x, start, size);
        for (let j = 0; j < k; j += 1) h = (model.layers[j] as tf.layers.Layer).apply(h, { training: false }) as tf.Tensor;
        const flat = tf.reshape(h, [-1, h.shape[h.shape.length - 1] ?? 1]);
        return [tf.sum(flat, 0), tf.sum(tf.square(flat), 0), flat.shape[0] ?? 0] as const;
      });
      const [sValues, ssValues] = await Promise.all([s.data(), ss.data()]);
      tf.dispose([s, ss]);
      sum ??= new Float64Array(sValues.length);
      sumSquares ??= new Float64Array(sValues.length);
      for (let c = 0; c < sValues.length; c += 1) {
        sum[c] = (sum[c] ?? 0) + (sValues[c] ?? 0);
        sumSquares[c] = (sumSquares[c] ?? 0) + (ssValues[c] ?? 0);
      }
      n += rows;
    }
    if (sum === null || sumSquares === null) continue;
    const mean = Float32Array.from(sum, (value) => value / n);
    const variance = Float32Array.from(sumSquares, (value, c) => Math.max(0, value / n - (mean[c] ?? 0) ** 2));
    const replaced = layer.weights.map((weight) => {
      if (weight.name.endsWith('moving_mean')) return tf.tensor(mean, weight.shape as number[]);
      if (weight.name.endsWith('moving_variance')) return tf.tensor(variance, weight.shape as number[]);
      return weight.read().clone();
    });
    layer.setWeights(replaced);
    tf.dispose(replaced);
    updated += 1;
  }
  return updated;
}
