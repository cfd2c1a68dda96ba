import { ensureWasmConvGradients } from './wasm-conv-grads.js';
import { ensureWasmMatMul } from './wasm-matmul.js';
import { ensureWasmMaxPoolGradient } from './wasm-max-pool-grad.js';

/**
 * Makes networks train, correctly and fast, on tfjs-backend-wasm 4.22: conv gradients (one is
 * missing, one slow), a correct max-pool gradient, transpose-first matrix products. Kernel-level
 * only: models and results are the same on every backend. Harmless elsewhere; idempotent.
 */
export function ensureWasmTrainingKernels(): void {
  ensureWasmConvGradients();
  ensureWasmMaxPoolGradient();
  ensureWasmMatMul();
}
