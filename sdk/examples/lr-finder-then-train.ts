/**
 * Leslie Smith's range test picks the learning rate, then a job trains with it.
 *
 *   pnpm exec tsx sdk/examples/lr-finder-then-train.ts
 */
import { Layerlab } from '@layerlab/sdk/node';

const client = new Layerlab();
const dataset = await client.datasets.upload({ path: new URL('./data/houses.csv', import.meta.url).pathname });
const spec = { dataset: dataset.id, target: 'price', epochs: 40 };

const finder = await client.lrFinder.createAndWait({ ...spec, minLr: 1e-5, maxLr: 1, steps: 60 });
const { suggestion, divergedAt } = finder.result;
console.log(`suggested lr ${suggestion.lr.toExponential(1)} (${suggestion.method}); loss diverged at ${divergedAt?.toExponential(1) ?? 'no point tried'}`);

const job = await client.jobs.createAndWait({ ...spec, optimizer: { learningRate: suggestion.lr } });
console.log(`trained with lr ${suggestion.lr.toExponential(1)}: test MAE ${job.testMetrics?.mae?.toFixed(0)} after ${job.progress.epoch} epochs`);
