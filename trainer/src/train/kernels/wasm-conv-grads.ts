import * as tf from '@tensorflow/tfjs';
import { composed, registerWasmKernel, type Info, type WasmBackendLike } from './compose.js';

/**
 * Convolution gradients on tfjs-backend-wasm 4.22, which lacks Conv2DBackpropFilter (so a Conv2D
 * layer cannot train there at all) and whose Conv2DBackpropInput is a slow naive loop. Both are
 * rewritten as forward convolutions, which wasm runs fast (XNNPACK):
 *   dW = conv(xᵀ, dyᵀ) with x's channels as the batch and its batch as channels, dilated by the stride;
 *   dX = conv(pad(dy), W rotated 180° with in/out swapped) for stride 1 (others use the old kernel).
 * The model keeps standard Conv2D layers; only how wasm computes their gradients changes.
 */

type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
type Quad = [number, number, number, number];

interface Attrs {
  strides: [number, number] | number;
  pad: Pad;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function convInfo(xShape: number[], filterShape: number[], attrs: Attrs) {
  return tf.backend_util.computeConv2DInfo(xShape as Quad, filterShape as Quad, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
}

function filterGrad(args: { inputs: { x: Info; dy: Info }; attrs: Attrs & { filterShape: Quad }; backend: WasmBackendLike }): Info {
  const { inputs, attrs, backend } = args;
  if (attrs.dataFormat !== 'NHWC') throw new Error('Conv2DBackpropFilter on wasm: only NHWC is supported');
  const [kh, kw, inChannels, outChannels] = attrs.filterShape;
  const info = convInfo(inputs.x.shape, attrs.filterShape, attrs);
  const { top, bottom, left, right } = info.padInfo;
  return composed(backend, (k) => {
    const padded = top + bottom + left + right === 0 ? inputs.x : k.run('PadV2', { x: inputs.x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 });
    // x as [in, H, W, batch] convolved with dy as a [outH, outW, batch, out] filter → [in, kh', kw', out]
    const xt = k.run('Transpose', { x: padded }, { perm: [3, 1, 2, 0] });
    const dyt = k.run('Transpose', { x: inputs.dy }, { perm: [1, 2, 0, 3] });
    let grad = k.run('Conv2D', { x: xt, filter: dyt }, { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [info.strideHeight, info.strideWidth] });
    if (grad.shape[1] !== kh || grad.shape[2] !== kw) grad = k.run('Slice', { x: grad }, { begin: [0, 0, 0, 0], size: [inChannels, kh, kw, outChannels] });
    return k.run('Transpose', { x: grad }, { perm: [1, 2, 0, 3] });
  });
}

function inputGrad(fallback: tf.KernelConfig | undefined) {
  return (args: { inputs: { dy: Info; filter: Info }; attrs: Attrs & { inputShape: Quad }; backend: WasmBackendLike }): Info => {
    const { inputs, attrs, backend } = args;
    const info = convInfo(attrs.inputShape, inputs.filter.shape, attrs);
    if (attrs.dataFormat !== 'NHWC' || info.strideHeight !== 1 || info.strideWidth !== 1) {
      if (fallback === undefined) throw new Error('Conv2DBackpropInput on wasm: no kernel for strides > 1');
      return fallback.kernelFunc(args as never) as Info;
    }
    const [kh, kw] = inputs.filter.shape as Quad;
    const { top, bottom, left, right } = info.padInfo;
    return composed(backend, (k) => {
      const padded = k.run('PadV2', { x: inputs.dy }, { paddings: [[0, 0], [kh - 1 - top, kh - 1 - bottom], [kw - 1 - left, kw - 1 - right], [0, 0]], constantValue: 0 });
      const flipped = k.run('Reverse', { x: inputs.filter }, { dims: [0, 1] });
      const swapped = k.run('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] });
      return k.run('Conv2D', { x: padded, filter: swapped }, { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1] });
    });
  };
}

/** Registers both convolution gradient kernels for wasm (once). */
export function ensureWasmConvGradients(): void {
  registerWasmKernel({ name: 'Conv2DBackpropFilter', replace: false, kernelFunc: () => filterGrad as unknown as tf.KernelFunc });
  registerWasmKernel({ name: 'Conv2DBackpropInput', replace: true, kernelFunc: (fallback) => inputGrad(fallback) as unknown as tf.KernelFunc });
}
