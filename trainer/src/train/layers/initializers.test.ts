import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { kernelInitializer, resolveInitializer } from './initializers.js';

/** std, and largest |w|, of a fan_in 1000 × fan_out 500 kernel drawn by an initializer. */
function draw(name: Parameters<typeof kernelInitializer>[0]) {
  return tf.tidy(() => {
    const w = kernelInitializer(name, 7).apply([1000, 500]);
    const { mean, variance } = tf.moments(w);
    return { mean: mean.dataSync()[0] ?? Number.NaN, std: Math.sqrt(variance.dataSync()[0] ?? Number.NaN), max: tf.max(tf.abs(w)).dataSync()[0] ?? Number.NaN };
  });
}

describe('initializers: draw statistics match the definitions for a 1000 → 500 layer', () => {
  it.each([
    ['he_normal', Math.sqrt(2 / 1000)],
    ['he_uniform', Math.sqrt(2 / 1000)],
    ['lecun_normal', Math.sqrt(1 / 1000)],
    ['lecun_uniform', Math.sqrt(1 / 1000)],
    ['glorot_normal', Math.sqrt(2 / (1000 + 500))],
    ['glorot_uniform', Math.sqrt(2 / (1000 + 500))],
  ] as const)('%s has std %f', (name, std) => {
    const stats = draw(name);
    expect(Math.abs(stats.mean)).toBeLessThan(std * 0.01);
    expect(stats.std / std).toBeGreaterThan(0.99);
    expect(stats.std / std).toBeLessThan(1.01);
    // normal draws are truncated at two (uncorrected) σ, uniform ones bounded by √3·std
    const bound = name.endsWith('uniform') ? Math.sqrt(3) * std : (2 * std) / 0.8796256610342398;
    expect(stats.max).toBeLessThanOrEqual(bound * (1 + 1e-6));
    expect(stats.max).toBeGreaterThan(bound * 0.99);
  });

  it('the same seed draws the same weights', () => {
    const a = tf.tidy(() => Array.from(kernelInitializer('he_normal', 3).apply([20, 10]).dataSync()));
    const b = tf.tidy(() => Array.from(kernelInitializer('he_normal', 3).apply([20, 10]).dataSync()));
    const c = tf.tidy(() => Array.from(kernelInitializer('he_normal', 4).apply([20, 10]).dataSync()));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('auto follows the guide: He for the relu family, LeCun for selu/elu, Glorot for sigmoid/tanh', () => {
    expect(['relu', 'leaky_relu', 'prelu', 'rrelu', 'gelu', 'swish', 'mish', 'softplus'].map((a) => resolveInitializer('auto', a as 'relu'))).toEqual(
      Array(8).fill('he_normal'),
    );
    expect(resolveInitializer('auto', 'selu')).toBe('lecun_normal');
    expect(resolveInitializer('auto', 'elu')).toBe('lecun_normal');
    expect(resolveInitializer('auto', 'sigmoid')).toBe('glorot_uniform');
    expect(resolveInitializer('auto', 'tanh')).toBe('glorot_uniform');
    expect(resolveInitializer('lecun_uniform', 'relu')).toBe('lecun_uniform');
  });
});
