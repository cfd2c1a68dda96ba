/**
 * What failures look like: typed errors with the problem's detail, a failed job, retries.
 *
 *   pnpm exec tsx sdk/examples/errors-and-retries.ts
 */
import Layerlab, { APIConnectionError, JobFailedError, NotFoundError, UnprocessableEntityError } from '@layerlab/sdk';

const client = new Layerlab({ maxRetries: 3, timeout: 20_000 });

try {
  await client.jobs.retrieve('job_01JDOESNOTEXIST000000000');
} catch (error) {
  if (error instanceof NotFoundError) console.log(`404: ${error.problem?.detail} (request ${error.requestId})`);
}

const dataset = await client.datasets.upload({ name: 'xor', rows: [{ a: 0, b: 0, y: 0 }, { a: 1, b: 1, y: 1 }, { a: 0, b: 1, y: 1 }, { a: 1, b: 0, y: 0 }] });
try {
  await client.jobs.create({ dataset: dataset.id, target: 'y', optimizer: { name: 'sgd', learningRate: -1 } });
} catch (error) {
  if (error instanceof UnprocessableEntityError) for (const e of error.errors) console.log(`422 at ${e.path}: ${e.message}`);
}

try {
  // wait() rejects with JobFailedError (job.error says why) or JobCancelledError; pass
  // rejectOnFailure: false to get the finished job back whatever its status
  const job = await client.jobs.createAndWait({ dataset: dataset.id, target: 'y', epochs: 5 }, { pollInterval: 200 });
  console.log(`job ${job.id} ${job.status}`);
} catch (error) {
  if (error instanceof JobFailedError) console.log(`job failed: ${error.code}: ${error.job.error?.message}`);
  else if (error instanceof UnprocessableEntityError) console.log(`refused at creation: ${error.message}`);
  else throw error;
}

const offline = new Layerlab({ baseURL: 'http://127.0.0.1:59999', maxRetries: 1 });
try {
  await offline.datasets.list();
} catch (error) {
  if (error instanceof APIConnectionError) console.log(`no API there: ${error.message}`);
}
