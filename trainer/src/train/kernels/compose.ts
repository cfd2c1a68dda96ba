import * as tf from '@tensorflow/tfjs';

/** What a wasm kernel takes and returns: a handle on backend memory. */
export interface Info {
  dataId: object;
  shape: number[];
  dtype: tf.DataType;
}

export interface WasmBackendLike {
  disposeData(dataId: object): boolean;
}

export const WASM = 'wasm';

/**
 * Runs wasm kernels by name inside another kernel (the way backends compose their own kernels)
 * and frees every intermediate result when done. `fallback` keeps the kernel that was
 * registered before ours, for the cases ours does not handle.
 */
export class KernelScope {
  private readonly temporaries: Info[] = [];

  constructor(private readonly backend: WasmBackendLike) {}

  run(name: string, inputs: Record<string, Info> | Info[], attrs: object = {}): Info {
    const kernel = tf.getKernel(name, WASM);
    if (kernel === undefined) throw new Error(`the wasm backend has no ${name} kernel`);
    const out = kernel.kernelFunc({ inputs: inputs as never, attrs: attrs as never, backend: this.backend as never }) as Info;
    this.temporaries.push(out);
    return out;
  }

  /** Hands `result` to the caller (it is not freed with the temporaries). */
  keep(result: Info): Info {
    const index = this.temporaries.indexOf(result);
    if (index !== -1) this.temporaries.splice(index, 1);
    return result;
  }

  dispose(): void {
    for (const tensor of this.temporaries) this.backend.disposeData(tensor.dataId);
    this.temporaries.length = 0;
  }
}

/** Runs `body` in a fresh scope, freeing its temporaries afterwards (also on error). */
export function composed(backend: WasmBackendLike, body: (scope: KernelScope) => Info): Info {
  const scope = new KernelScope(backend);
  try {
    return scope.keep(body(scope));
  } finally {
    scope.dispose();
  }
}

/**
 * Registers `kernelFunc` for a wasm kernel name. `replace`: take over an existing kernel (its
 * config is handed to the factory as the fallback, and its setup still runs); otherwise only fill
 * a gap. Idempotent.
 */
export function registerWasmKernel(options: {
  name: string;
  replace: boolean;
  kernelFunc: (fallback: tf.KernelConfig | undefined) => tf.KernelFunc;
}): void {
  const existing = tf.getKernel(options.name, WASM);
  if (existing !== undefined && (!options.replace || (existing as { layerlab?: boolean }).layerlab === true)) return;
  if (existing !== undefined) tf.unregisterKernel(options.name, WASM);
  const config: tf.KernelConfig & { layerlab: boolean } = {
    kernelName: options.name,
    backendName: WASM,
    kernelFunc: options.kernelFunc(existing),
    layerlab: true,
    ...(existing?.setupFunc === undefined ? {} : { setupFunc: existing.setupFunc }),
    ...(existing?.disposeFunc === undefined ? {} : { disposeFunc: existing.disposeFunc }),
  };
  tf.registerKernel(config);
}
