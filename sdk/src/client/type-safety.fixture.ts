/*
 * Compile-time checks of the SDK's types, never run. `pnpm typecheck` fails if a line marked
 * @ts-expect-error compiles (a wrong spec field slipped through); type-safety.test.ts also
 * compiles this file without the markers and checks that exactly the marked lines fail.
 */
import { expectTypeOf } from 'vitest';
import { Layerlab, type Job, type JobEvent, type PredictResponse, type TrainingSpecParams } from '../index.js';

export async function typeChecks(client: Layerlab): Promise<void> {
  const valid: TrainingSpecParams = {
    dataset: 'ds_01J00000000000000000000',
    target: 'price',
    optimizer: { learningRate: 0.01 },
    earlyStopping: { monitor: 'val_loss', patience: 5 },
    schedule: { type: 'plateau', monitor: 'valLoss', factor: 0.5 },
    model: { hidden: [128, 64], activation: 'selu' },
    swa: true,
  };
  const job = await client.jobs.create(valid);
  expectTypeOf(job).toEqualTypeOf<Job>();
  expectTypeOf(job.status).toEqualTypeOf<'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'>();
  expectTypeOf(await client.models.predict('mdl_x', { rows: [{ sqft: 1200 }] })).toEqualTypeOf<PredictResponse>();
  for await (const event of client.jobs.stream(job.id)) {
    if (event.event === 'epoch') expectTypeOf(event.data.loss).toEqualTypeOf<number>();
    expectTypeOf(event).toEqualTypeOf<JobEvent>();
  }

  // @ts-expect-error a misspelt top-level field (epoch instead of epochs)
  await client.jobs.create({ dataset: 'ds_x', target: 'y', epoch: 10 });
  // @ts-expect-error epochs is a number
  await client.jobs.create({ dataset: 'ds_x', target: 'y', epochs: '10' });
  // @ts-expect-error target is required
  await client.jobs.create({ dataset: 'ds_x' });
  // @ts-expect-error no such task
  await client.jobs.create({ dataset: 'ds_x', target: 'y', task: 'classification' });
  // @ts-expect-error no such optimizer
  await client.jobs.create({ dataset: 'ds_x', target: 'y', optimizer: { name: 'adamw' } });
  // @ts-expect-error beta1 belongs to adam, not sgd
  await client.jobs.create({ dataset: 'ds_x', target: 'y', optimizer: { name: 'sgd', beta1: 0.9 } });
  // @ts-expect-error a misspelt monitor
  await client.jobs.create({ dataset: 'ds_x', target: 'y', earlyStopping: { monitor: 'val_los' } });
  // @ts-expect-error a misspelt schedule monitor
  await client.jobs.create({ dataset: 'ds_x', target: 'y', schedule: { type: 'plateau', monitor: 'valAcc' } });
  // @ts-expect-error no such activation
  await client.jobs.create({ dataset: 'ds_x', target: 'y', model: { activation: 'relux' } });
  // @ts-expect-error hidden layer count is a number
  await client.jobs.create({ dataset: 'ds_x', target: 'y', model: { hidden: { layers: 'two' } } });
  // @ts-expect-error steps belongs to the LR finder, not a training job
  await client.jobs.create({ dataset: 'ds_x', target: 'y', steps: 100 });
  // @ts-expect-error predict takes { rows }
  await client.models.predict('mdl_x', [{ sqft: 1200 }]);
  // @ts-expect-error rows hold strings, numbers, booleans or null
  await client.models.predict('mdl_x', { rows: [{ when: new Date() }] });
}
