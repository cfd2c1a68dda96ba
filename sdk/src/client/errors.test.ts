import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  Layerlab,
  LayerlabError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from './index.js';

const BASE = 'http://layerlab.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = new Layerlab({ baseURL: BASE, apiKey: null, maxRetries: 0 });

const CASES = [
  [400, 'MALFORMED_REQUEST', BadRequestError],
  [401, 'UNAUTHORIZED', AuthenticationError],
  [403, 'UNAUTHORIZED', PermissionDeniedError],
  [404, 'NOT_FOUND', NotFoundError],
  [409, 'CONFLICT', ConflictError],
  [413, 'PAYLOAD_TOO_LARGE', PayloadTooLargeError],
  [422, 'VALIDATION_FAILED', UnprocessableEntityError],
  [429, 'RATE_LIMITED', RateLimitError],
  [500, 'INTERNAL', InternalServerError],
  [503, 'UNAVAILABLE', InternalServerError],
] as const;

describe('error mapping', () => {
  it.each(CASES)('%i %s → %o', async (status, code, ErrorClass) => {
    server.use(
      http.get(`${BASE}/v1/datasets/:id`, () =>
        HttpResponse.json(
          { type: `/docs/errors#x`, title: 'Title', status, code, detail: `detail of ${status}`, requestId: `req_${status}` },
          { status, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    const error = await client.datasets.retrieve('ds_01JTESTDATASET00000000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(LayerlabError);
    expect(error).toMatchObject({ status, code, requestId: `req_${status}`, name: ErrorClass.name });
    expect((error as Error).message).toBe(`${status} ${code}: detail of ${status} (request req_${status})`);
  });

  it('keeps the field errors of a 422', async () => {
    server.use(
      http.post(`${BASE}/v1/jobs`, () =>
        HttpResponse.json(
          {
            type: '/docs/errors#validation-failed',
            title: 'Invalid training spec',
            status: 422,
            code: 'VALIDATION_FAILED',
            detail: '1 problem in request body: optimizer.learningRate must be > 0',
            errors: [{ path: 'optimizer.learningRate', message: 'must be > 0' }],
            requestId: 'req_422',
          },
          { status: 422, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    const error = (await client.jobs.create({ dataset: 'ds_01JTESTDATASET00000000', target: 'y' }).catch((e: unknown) => e)) as UnprocessableEntityError;
    expect(error.errors).toEqual([{ path: 'optimizer.learningRate', message: 'must be > 0' }]);
    expect(error.problem?.title).toBe('Invalid training spec');
  });

  it('reports a non-problem body (a proxy page) with its text and the x-request-id header', async () => {
    server.use(
      http.get(`${BASE}/v1/datasets/:id`, () =>
        new HttpResponse('<html><body>502 Bad Gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html', 'x-request-id': 'req_proxy' } }),
      ),
    );
    const error = (await client.datasets.retrieve('ds_01JTESTDATASET00000000').catch((e: unknown) => e)) as APIError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.code).toBeNull();
    expect(error.problem).toBeNull();
    expect(error.requestId).toBe('req_proxy');
    expect(error.message).toBe('502 <html><body>502 Bad Gateway</body></html> (request req_proxy)');
  });

  it('maps an unlisted 4xx to the APIError base class', async () => {
    server.use(http.get(`${BASE}/v1/datasets/:id`, () => new HttpResponse('', { status: 418 })));
    const error = (await client.datasets.retrieve('ds_01JTESTDATASET00000000').catch((e: unknown) => e)) as APIError;
    expect(error.constructor).toBe(APIError);
    expect(error.message).toBe('418 status code (no body)');
  });
});
