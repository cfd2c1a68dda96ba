import * as tf from '@tensorflow/tfjs';
import { registerWasmKernel, type Info } from './compose.js';

interface Attrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

interface HeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): Info;
  typedArrayFromHeap(info: Info): Float32Array;
}

/**
 * MaxPoolGrad on wasm as a plain loop over the backend's memory: each window's gradient goes to
 * the first position holding its max (TensorFlow's rule), summed where windows overlap.
 * tfjs-backend-wasm 4.22's own kernel (like its MaxPoolWithArgmax) sends some windows' gradient
 * to the wrong position when inputs are negative, silently corrupting conv nets with
 * elu/selu/tanh... on wasm; this loop is also faster than composing the answer from tensor ops.
 */
function maxPoolGrad(args: { inputs: { dy: Info; input: Info }; attrs: Attrs; backend: HeapBackend }): Info {
  const { inputs, attrs, backend } = args;
  const info = tf.backend_util.computePool2DInfo(inputs.input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth, effectiveFilterHeight, effectiveFilterWidth, dilationHeight, dilationWidth } = info;
  const out = backend.makeOutput(inputs.input.shape, 'float32');
  // views taken after makeOutput: allocating may grow (and move) the wasm heap
  const x = backend.typedArrayFromHeap(inputs.input);
  const dy = backend.typedArrayFromHeap(inputs.dy);
  const dx = backend.typedArrayFromHeap(out);
  dx.fill(0);
  let o = 0;
  for (let b = 0; b < batchSize; b += 1) {
    for (let oy = 0; oy < outHeight; oy += 1) {
      const top = oy * strideHeight - info.padInfo.top;
      for (let ox = 0; ox < outWidth; ox += 1) {
        const left = ox * strideWidth - info.padInfo.left;
        for (let c = 0; c < inChannels; c += 1, o += 1) {
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let wy = 0; wy < effectiveFilterHeight; wy += dilationHeight) {
            const iy = top + wy;
            if (iy < 0 || iy >= inHeight) continue;
            for (let wx = 0; wx < effectiveFilterWidth; wx += dilationWidth) {
              const ix = left + wx;
              if (ix < 0 || ix >= inWidth) continue;
              const index = ((b * inHeight + iy) * inWidth + ix) * inChannels + c;
              const value = x[index] as number;
              if (value > best) {
                best = value;
                at = index;
              }
            }
          }
          if (at >= 0) dx[at] = (dx[at] as number) + (dy[o] as number);
        }
      }
    }
  }
  return out;
}

/** Registers the corrected MaxPoolGrad for wasm (once). */
export function ensureWasmMaxPoolGradient(): void {
  registerWasmKernel({ name: 'MaxPoolGrad', replace: true, kernelFunc: () => maxPoolGrad as unknown as tf.KernelFunc });
}
