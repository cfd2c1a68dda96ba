import * as tf from '@tensorflow/tfjs';
import type { Backend } from '@layerlab/sdk/spec';

export type BackendPreference = 'auto' | Backend;

/** Fastest first: CUDA, libtensorflow on CPU, WebAssembly (SIMD), plain JavaScript. */
export const BACKEND_ORDER: Backend[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export interface BackendChoice {
  backend: Backend;
  /** Why each faster backend was skipped. */
  skipped: { backend: Backend; reason: string }[];
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error));

// held in variables so bundlers and tsc do not insist the optional packages exist
const TFJS_NODE_GPU = '@tensorflow/tfjs-node-gpu';
const TFJS_NODE = '@tensorflow/tfjs-node';

let nativeLoaded: 'gpu' | 'cpu' | null = null;

async function loadNative(which: 'gpu' | 'cpu'): Promise<void> {
  if (nativeLoaded !== null && nativeLoaded !== which) {
    throw new Error(`the ${nativeLoaded === 'gpu' ? 'GPU' : 'CPU'} TensorFlow binding is already loaded in this process`);
  }
  await import(which === 'gpu' ? TFJS_NODE_GPU : TFJS_NODE);
  nativeLoaded = which;
}

function usingGpu(): boolean {
  const backend = tf.findBackend('tensorflow') as unknown as { isUsingGpuDevice?: boolean } | null;
  return backend?.isUsingGpuDevice === true;
}

async function tryBackend(backend: Backend): Promise<void> {
  switch (backend) {
    case 'tensorflow-gpu':
      await loadNative('gpu');
      if (!(await tf.setBackend('tensorflow'))) throw new Error('tfjs-node-gpu loaded but the backend did not initialise');
      if (!usingGpu()) throw new Error('tfjs-node-gpu loaded but TensorFlow found no CUDA device');
      return;
    case 'tensorflow':
      if (nativeLoaded === null) await loadNative('cpu');
      if (!(await tf.setBackend('tensorflow'))) throw new Error('tfjs-node loaded but the backend did not initialise');
      return;
    case 'wasm':
      await import('@tensorflow/tfjs-backend-wasm');
      if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not initialise');
      return;
    case 'cpu':
      if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend did not initialise');
      return;
  }
}

/**
 * Picks the backend to train on: the preferred one, or with `auto` the first of BACKEND_ORDER
 * that loads. Reports what really runs; an explicit preference that fails is an error.
 */
export async function selectBackend(preference: BackendPreference, log: (message: string) => void = console.warn): Promise<BackendChoice> {
  const candidates = preference === 'auto' ? BACKEND_ORDER : [preference];
  const skipped: BackendChoice['skipped'] = [];
  for (const backend of candidates) {
    try {
      await tryBackend(backend);
      // quiet tfjs's "install tfjs-node" banner once we know the answer
      tf.env().set('IS_TEST', false);
      for (const skip of skipped) log(`backend ${skip.backend} skipped: ${skip.reason}`);
      log(`backend: ${backend} (tfjs ${tf.version.tfjs})`);
      return { backend, skipped };
    } catch (error) {
      skipped.push({ backend, reason: reasonOf(error) });
    }
  }
  throw new Error(`no backend could be loaded: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`);
}
