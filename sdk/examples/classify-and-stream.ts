/**
 * Classification from JSON rows, followed live over server-sent events, then label + probabilities.
 *
 *   pnpm exec tsx sdk/examples/classify-and-stream.ts
 */
import Layerlab from '@layerlab/sdk';

const client = new Layerlab();

// two interleaved half-moons would need a bigger net; a ring is enough to show the idea:
// points inside radius 1 are "inner", the others "outer"
const rows = Array.from({ length: 400 }, (_, i) => {
  const angle = (i * 2.399) % (2 * Math.PI);
  const radius = 0.2 + ((i * 7919) % 1000) / 600;
  return { x: radius * Math.cos(angle), y: radius * Math.sin(angle), ring: radius < 1 ? 'inner' : 'outer' };
});
const dataset = await client.datasets.upload({ name: 'rings', rows });

const job = await client.jobs.create({ dataset: dataset.id, target: 'ring', epochs: 60, optimizer: { learningRate: 0.01 } });
for await (const event of client.jobs.stream(job.id)) {
  if (event.event === 'status') console.log(`status: ${event.data.status}`);
  if (event.event === 'epoch') console.log(`epoch ${event.data.epoch}: valAccuracy ${event.data.valAccuracy?.toFixed(3)}`);
  if (event.event === 'done') console.log(`done: ${event.data.status}, test accuracy ${event.data.testMetrics?.accuracy?.toFixed(3)}`);
}

const finished = await client.jobs.retrieve(job.id);
const { predictions } = await client.models.predict(finished.modelId as string, { rows: [{ x: 0.1, y: 0.2 }, { x: 1.5, y: -0.9 }] });
for (const p of predictions) {
  if ('label' in p) console.log(`${p.label} (${Object.entries(p.probabilities).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')})`);
}
