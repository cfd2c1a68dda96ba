import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { serializeModel } from '../../pipeline/export-model.js';
import { AlphaDropout } from './alpha-dropout.js';
import { EluAlpha } from './elu.js';
import { RReLU } from './rrelu.js';

const values = (t: tf.Tensor) => Array.from(t.dataSync());

describe('RReLU', () => {
  it('uses the fixed slope (lower + upper)/2 at inference', () => {
    const layer = new RReLU({ lower: 0.125, upper: 1 / 3 });
    const out = tf.tidy(() => layer.apply(tf.tensor1d([-2, -0.5, 0, 1.5])) as tf.Tensor);
    // slope (1/8 + 1/3)/2 = 11/48
    const expected = [-2 * (11 / 48), -0.5 * (11 / 48), 0, 1.5];
    values(out).forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? Number.NaN, 6));
    out.dispose();
  });

  it('draws a slope in [lower, upper] for each negative input while training', () => {
    const layer = new RReLU({ lower: 0.1, upper: 0.3 });
    const slopes = tf.tidy(() => values(tf.div(layer.apply(tf.fill([2000], -1), { training: true }) as tf.Tensor, -1)));
    expect(Math.min(...slopes)).toBeGreaterThanOrEqual(0.1);
    expect(Math.max(...slopes)).toBeLessThanOrEqual(0.3);
    expect(new Set(slopes.map((s) => s.toFixed(3))).size).toBeGreaterThan(100);
    const mean = slopes.reduce((a, b) => a + b, 0) / slopes.length;
    expect(mean).toBeCloseTo(0.2, 1);
  });

  it('survives model.json: tf.loadLayersModel rebuilds it with its bounds', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [2], kernelInitializer: 'ones' }), new RReLU({ lower: 0.2, upper: 0.4 })] });
    const { modelJson, weights } = await serializeModel(model);
    expect(JSON.stringify(modelJson)).toContain('"class_name":"RReLU"');
    const manifest = (modelJson as { weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] }).weightsManifest;
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: (modelJson as { modelTopology: object }).modelTopology,
        weightSpecs: manifest.flatMap((group) => group.weights),
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
      }),
    );
    const out = tf.tidy(() => loaded.predict(tf.tensor2d([[-1, -1]])) as tf.Tensor);
    values(out).forEach((v) => expect(v).toBeCloseTo(-2 * 0.3, 6)); // (−1 − 1)·(0.2 + 0.4)/2
    tf.dispose([out]);
    model.dispose();
    loaded.dispose();
  });
});

describe('EluAlpha', () => {
  it('is x above zero and alpha·(eˣ − 1) below', () => {
    const out = tf.tidy(() => values(new EluAlpha({ alpha: 0.5 }).apply(tf.tensor1d([-1, 0, 2])) as tf.Tensor));
    expect(out[0]).toBeCloseTo(0.5 * (Math.exp(-1) - 1), 6);
    expect(out[1]).toBeCloseTo(0, 6);
    expect(out[2]).toBeCloseTo(2, 6);
  });
});

describe('AlphaDropout', () => {
  it('keeps zero mean and unit variance of SELU-normalised inputs while training (Keras semantics)', () => {
    const layer = new AlphaDropout({ rate: 0.2 });
    const [mean, variance, dropped] = tf.tidy(() => {
      const x = tf.randomNormal([200000], 0, 1, 'float32', 3);
      const y = layer.apply(x, { training: true }) as tf.Tensor;
      const moments = tf.moments(y);
      // a dropped unit becomes a·α' + b with α' = −λα ≈ −1.7581
      const a = ((1 - 0.2) * (1 + 0.2 * 1.7580993408473766 ** 2)) ** -0.5;
      const droppedValue = a * -1.7580993408473766 + -a * -1.7580993408473766 * 0.2;
      const isDropped = tf.less(tf.abs(tf.sub(y, droppedValue)), 1e-5);
      return [moments.mean.dataSync()[0], moments.variance.dataSync()[0], tf.mean(tf.cast(isDropped, 'float32')).dataSync()[0]];
    });
    expect(mean).toBeCloseTo(0, 1);
    expect(variance).toBeGreaterThan(0.97);
    expect(variance).toBeLessThan(1.03);
    expect(dropped).toBeGreaterThan(0.19);
    expect(dropped).toBeLessThan(0.21);
  });

  it('is the identity at inference', () => {
    const out = tf.tidy(() => values(new AlphaDropout({ rate: 0.5 }).apply(tf.tensor1d([1, -2, 3])) as tf.Tensor));
    expect(out).toEqual([1, -2, 3]);
  });
});
