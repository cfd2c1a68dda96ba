/**
 * The two benchmark specs. The uploaded CSV holds the shipped test split's 10,000 rows first, then
 * the 60,000 training rows; with shuffle and stratify off the split takes exactly the first
 * 10,000 rows as test and the next 6,000 as validation, leaving 54,000 to train on.
 */
export const SPLIT = { test: 10000 / 70000, validation: 6000 / 70000, shuffle: false, stratify: false };
export const TRAIN_ROWS = 54000;

export interface BenchRun {
  name: 'mlp' | 'cnn';
  description: string;
  spec: (dataset: string) => Record<string, unknown>;
}

export const RUNS: BenchRun[] = [
  {
    name: 'mlp',
    description: "MLP, the guide's recipe: 512-256 ReLU (He init), dropout 0.3, Nadam 1e-3, batch 64, cosine decay after a 1-epoch warm-up, early stopping on valAccuracy with restore-best; pixels min-max scaled",
    spec: (dataset) => ({
      name: 'fmnist-mlp',
      dataset,
      target: 'label',
      split: SPLIT,
      preprocessing: { scaling: 'minmax' },
      model: { hidden: [512, 256], activation: 'relu', dropout: { rate: 0.3 } },
      optimizer: { name: 'nadam', learningRate: 0.001 },
      schedule: { type: 'cosine', minLr: 1e-5, warmupEpochs: 1 },
      batchSize: 64,
      epochs: 30,
      earlyStopping: { monitor: 'valAccuracy', patience: 10, restoreBest: true },
      seed: 1,
    }),
  },
  {
    name: 'cnn',
    description: 'small CNN: conv 16 → pool → conv 32 → pool (3×3, ReLU), dense 128, dropout 0.5 (the guide for CNNs), Adam 1e-3, batch 64, ReduceLROnPlateau, early stopping',
    spec: (dataset) => ({
      name: 'fmnist-cnn',
      dataset,
      target: 'label',
      split: SPLIT,
      model: {
        type: 'cnn',
        inputShape: [28, 28, 1],
        conv: [
          { filters: 16, kernel: 3, pool: 2 },
          { filters: 32, kernel: 3, pool: 2 },
        ],
        hidden: [128],
      },
      optimizer: { name: 'adam', learningRate: 0.001 },
      schedule: { type: 'plateau', factor: 0.5, patience: 2 },
      batchSize: 64,
      epochs: 20,
      earlyStopping: { monitor: 'valLoss', patience: 4, restoreBest: true },
      seed: 1,
    }),
  },
];
