/**
 * Upload a CSV, train a regression model while printing each epoch, predict two houses.
 *
 *   pnpm start                                   # the local API, in another terminal
 *   pnpm exec tsx sdk/examples/quickstart.ts
 */
import { Layerlab } from '@layerlab/sdk/node';

const client = new Layerlab(); // LAYERLAB_BASE_URL (default http://127.0.0.1:8787), LAYERLAB_API_KEY

const dataset = await client.datasets.upload({ path: new URL('./data/houses.csv', import.meta.url).pathname });
console.log(`dataset ${dataset.id}: ${dataset.rows} rows, columns ${dataset.columns.map((c) => `${c.name} (${c.type})`).join(', ')}`);

const job = await client.jobs.createAndWait(
  { dataset: dataset.id, target: 'price', optimizer: { learningRate: 0.003 }, epochs: 150, earlyStopping: { patience: 15 } },
  { onProgress: (m) => console.log(`epoch ${m.epoch}: loss ${m.loss.toFixed(4)} valLoss ${m.valLoss?.toFixed(4)} valMae ${m.valMae?.toFixed(0)}`) },
);
console.log(`${job.status} after ${job.progress.epoch} epochs (best epoch ${job.best?.epoch}); test MAE ${job.testMetrics?.mae?.toFixed(0)}`);

const { predictions } = await client.models.predict(job.modelId as string, {
  rows: [
    { sqft: 1400, rooms: 3, age: 20, neighborhood: 'suburb' },
    { sqft: 2600, rooms: 5, age: 5, neighborhood: 'downtown' },
  ],
});
for (const p of predictions) if ('value' in p) console.log(`predicted price: ${Math.round(p.value)}`);
