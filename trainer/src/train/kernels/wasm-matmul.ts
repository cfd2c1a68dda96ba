import type * as tf from '@tensorflow/tfjs';
import { composed, registerWasmKernel, type Info, type WasmBackendLike } from './compose.js';

interface Attrs {
  transposeA: boolean;
  transposeB: boolean;
}

/** The permutation that swaps the last two axes of a rank-r tensor. */
function swapLast(rank: number): number[] {
  return [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
}

/**
 * BatchMatMul on wasm with the transposes done first. The backend's kernel is 5–12× slower when
 * asked to transpose an operand itself (measured: xᵀ·dy of 64×784 and 64×256, 66 ms against
 * 5.5 ms), and every Dense layer's gradient asks for exactly that.
 */
function batchMatMul(fallback: tf.KernelConfig | undefined) {
  return (args: { inputs: { a: Info; b: Info }; attrs: Attrs; backend: WasmBackendLike }): Info => {
    const { inputs, attrs, backend } = args;
    if (fallback === undefined) throw new Error('the wasm backend has no BatchMatMul kernel');
    if (!attrs.transposeA && !attrs.transposeB) return fallback.kernelFunc(args as never) as Info;
    return composed(backend, (k) => {
      const a = attrs.transposeA ? k.run('Transpose', { x: inputs.a }, { perm: swapLast(inputs.a.shape.length) }) : inputs.a;
      const b = attrs.transposeB ? k.run('Transpose', { x: inputs.b }, { perm: swapLast(inputs.b.shape.length) }) : inputs.b;
      const out = fallback.kernelFunc({ inputs: { a, b } as never, attrs: { transposeA: false, transposeB: false } as never, backend: backend as never }) as Info;
      return out;
    });
  };
}

/** Registers the transpose-first BatchMatMul for wasm (once). */
export function ensureWasmMatMul(): void {
  registerWasmKernel({ name: 'BatchMatMul', replace: true, kernelFunc: (fallback) => batchMatMul(fallback) as unknown as tf.KernelFunc });
}
