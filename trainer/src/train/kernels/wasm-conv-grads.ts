import * as tf from '@tensorflow/tfjs';

/**
 * tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so a Conv2D layer cannot train on
 * wasm. This adds one, composed from wasm kernels the backend does have (the way backends build
 * their own composite kernels): pad x, gather the kernel-sized patches with strided slices,
 * concatenate them on the channel axis, and dW = patchesᵀ · dy as a single matrix product.
 * Nothing changes in the model: its layers stay standard Conv2D, it only learns on wasm too.
 */

const KERNEL = 'Conv2DBackpropFilter';
const BACKEND = 'wasm';

interface Info {
  dataId: object;
  shape: number[];
  dtype: tf.DataType;
}

interface WasmBackendLike {
  disposeData(dataId: object): boolean;
}

interface FilterGradAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** Runs another wasm kernel by name on TensorInfos. */
function run(name: string, args: { inputs: Record<string, Info> | Info[]; attrs?: object; backend: WasmBackendLike }): Info {
  const kernel = tf.getKernel(name, BACKEND);
  if (kernel === undefined) throw new Error(`the wasm backend has no ${name} kernel`);
  return kernel.kernelFunc({ inputs: args.inputs as never, attrs: (args.attrs ?? {}) as never, backend: args.backend as never }) as Info;
}

function filterGrad(args: { inputs: { x: Info; dy: Info }; attrs: FilterGradAttrs; backend: WasmBackendLike }): Info {
  const { inputs, attrs, backend } = args;
  const { x, dy } = inputs;
  if (attrs.dataFormat !== 'NHWC') throw new Error('Conv2DBackpropFilter on wasm: only NHWC is supported');
  const [kh, kw, inChannels, outChannels] = attrs.filterShape;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const { top, bottom, left, right } = info.padInfo;
  const temporaries: Info[] = [];
  const keep = (tensor: Info) => {
    temporaries.push(tensor);
    return tensor;
  };
  try {
    const batch = x.shape[0] as number;
    const padded = keep(run('PadV2', { inputs: { x }, attrs: { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 }, backend }));
    const patches: Info[] = [];
    for (let i = 0; i < kh; i += 1) {
      for (let j = 0; j < kw; j += 1) {
        const rowStart = i * info.dilationHeight;
        const colStart = j * info.dilationWidth;
        patches.push(
          keep(
            run('StridedSlice', {
              inputs: { x: padded },
              attrs: {
                begin: [0, rowStart, colStart, 0],
                end: [batch, rowStart + (info.outHeight - 1) * info.strideHeight + 1, colStart + (info.outWidth - 1) * info.strideWidth + 1, inChannels],
                strides: [1, info.strideHeight, info.strideWidth, 1],
                beginMask: 0,
                endMask: 0,
                ellipsisMask: 0,
                newAxisMask: 0,
                shrinkAxisMask: 0,
              },
              backend,
            }),
          ),
        );
      }
    }
    // channel order (i, j, c) matches the filter layout [kh, kw, in, out] once flattened
    const stacked = patches.length === 1 ? (patches[0] as Info) : keep(run('Concat', { inputs: patches, attrs: { axis: 3 }, backend }));
    const rows = batch * info.outHeight * info.outWidth;
    const a = keep(run('Reshape', { inputs: { x: stacked }, attrs: { shape: [1, rows, kh * kw * inChannels] }, backend }));
    const b = keep(run('Reshape', { inputs: { x: dy }, attrs: { shape: [1, rows, outChannels] }, backend }));
    const product = keep(run('BatchMatMul', { inputs: { a, b }, attrs: { transposeA: true, transposeB: false }, backend }));
    // the result shares the product's buffer (reshape only counts a reference)
    return run('Reshape', { inputs: { x: product }, attrs: { shape: [kh, kw, inChannels, outChannels] }, backend });
  } finally {
    for (const tensor of temporaries) backend.disposeData(tensor.dataId);
  }
}

/** Registers the wasm Conv2DBackpropFilter kernel unless the backend already has one. Idempotent. */
export function ensureWasmConvFilterGradient(): void {
  if (tf.getKernel(KERNEL, BACKEND) !== undefined) return;
  tf.registerKernel({ kernelName: KERNEL, backendName: BACKEND, kernelFunc: filterGrad as unknown as tf.KernelFunc });
}
