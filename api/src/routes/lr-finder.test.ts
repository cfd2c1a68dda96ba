import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appFixture, type AppFixture } from '../testing/app-fixture.js';

let f: AppFixture;
let datasetId: string;
beforeEach(async () => {
  f = await appFixture();
  datasetId = await f.uploadCsv();
});
afterEach(async () => f.close());

type Problem = { code: string; errors?: { path: string; message: string }[] };
const post = (path: string, body: Record<string, unknown>) => f.call(path, { method: 'POST', json: body });

describe('POST /v1/lr-finder', () => {
  it('queues an lr_finder job: the spec with its defaults, the range-test settings apart', async () => {
    const response = await post('/v1/lr-finder', { dataset: datasetId, target: 'label', minLr: 1e-5, maxLr: 1, steps: 50 });
    expect(response.status).toBe(201);
    const job = (await response.json()) as Record<string, any>;
    expect(job).toMatchObject({ type: 'lr_finder', status: 'queued', result: null, lrFinder: { minLr: 1e-5, maxLr: 1, steps: 50, smoothing: 0.98, divergeFactor: 4 } });
    expect(job.spec).toMatchObject({ dataset: datasetId, target: 'label', task: 'binary' });
    expect(job.spec.minLr).toBeUndefined();
    await f.settle();
    expect(f.dispatcher.offers).toEqual([{ tenant: 'local', jobId: job.id }]);
  });

  it.each([
    ['minLr above maxLr', { minLr: 1, maxLr: 0.1 }, 'maxLr'],
    ['too few steps', { steps: 3 }, 'steps'],
    ['a spec rule (loss against task)', { task: 'binary', loss: 'mse' }, 'loss'],
    ['an unknown field', { stepz: 10 }, ''],
  ])('answers 422 for %s, naming the field', async (_label, extra, path) => {
    const response = await post('/v1/lr-finder', { dataset: datasetId, target: 'label', ...extra });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).errors?.map((e) => e.path)).toContain(path);
  });
});

describe('spec checks against the dataset (cnn input, bounded outputs)', () => {
  it.each([
    ['a cnn whose inputShape does not hold the features', { target: 'label', features: { include: ['x', 'price'] }, model: { type: 'cnn', inputShape: [2, 2, 1], conv: [{ filters: 2, pool: 1 }] } }, 'model.inputShape'],
    ['a cnn over a categorical column', { target: 'label', features: { include: ['x', 'color'] }, model: { type: 'cnn', inputShape: [2, 1, 1], conv: [{ filters: 2, pool: 1 }] } }, 'features'],
    ['default pooling that shrinks the image to nothing', { target: 'label', model: { type: 'cnn', inputShape: [2, 1, 1] } }, 'model.inputShape'],
    ['a conv block that pools the image to nothing', { target: 'label', model: { type: 'cnn', inputShape: [4, 4, 1], conv: [{ filters: 2 }, { filters: 2, pool: 3 }] } }, 'model.conv.1.pool'],
    ['a sigmoid output on raw targets outside [0, 1]', { target: 'price', model: { output: { activation: 'sigmoid' } }, preprocessing: { targetScaling: 'none' } }, 'model.output.activation'],
    ['standardised targets under a tanh output', { target: 'price', model: { output: { activation: 'tanh' } }, preprocessing: { targetScaling: 'standard' } }, 'preprocessing.targetScaling'],
  ])('answers 422 for %s', async (_label, spec, path) => {
    const response = await post('/v1/jobs', { dataset: datasetId, ...spec });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).errors?.map((e) => e.path)).toContain(path);
  });

  it('accepts a cnn whose numeric features fill inputShape, and bounded outputs with their own scaling', async () => {
    const cnn = await post('/v1/jobs', { dataset: datasetId, target: 'label', features: { include: ['x', 'price'] }, model: { type: 'cnn', inputShape: [2, 1, 1], conv: [{ filters: 2, pool: 1 }] } });
    expect(cnn.status).toBe(201);
    for (const activation of ['sigmoid', 'tanh', 'softplus']) {
      const bounded = await post('/v1/jobs', { dataset: datasetId, target: 'price', model: { output: { activation } } });
      expect(bounded.status).toBe(201);
    }
  });
});
