import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { AppDeps, AppEnv } from './app-env.js';
import { ApiError } from './errors/api-error.js';
import { problemResponse } from './errors/problem.js';
import { dashboardRoutes } from './dashboard/dashboard-route.js';
import { auth } from './middleware/auth.js';
import { errorHandler } from './middleware/error-handler.js';
import { rateLimit } from './middleware/rate-limit.js';
import { requestId } from './middleware/request-id.js';
import { compareRoutes } from './routes/compare.js';
import { datasetRoutes } from './routes/datasets.js';
import { validationHook } from './routes/hooks.js';
import { jobRoutes } from './routes/jobs.js';
import { lrFinderRoutes } from './routes/lr-finder.js';
import { modelRoutes } from './routes/models.js';
import { sweepRoutes } from './routes/sweeps.js';
import { API_VERSION, serviceRoutes } from './routes/service.js';
import { checkArtifactToken } from './services/artifact-token.js';

const PUBLIC_PATHS = new Set(['/healthz', '/openapi.json', '/docs', '/dashboard', '/']);
const ARTIFACT_FILE = /^\/v1\/models\/([a-z]{2,4}_[0-9A-Za-z]{10,40})\/artifacts\/[a-z.]+$/;

function defaultLog(entry: Record<string, unknown>): void {
  console.error(JSON.stringify(entry));
}

/** The whole HTTP API as one Hono app; the runtime (Node or Workers) supplies its adapters. */
export function createApp(deps: AppDeps) {
  const log = deps.log ?? defaultLog;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use('*', requestId());
  const origins = deps.config.corsOrigins;
  if (origins !== null) {
    // browsers (the SDK in a page on another origin) send the key as a bearer header, never cookies
    app.use(
      '*',
      cors({
        origin: origins.includes('*') ? '*' : origins,
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'last-event-id', 'x-request-id'],
        exposeHeaders: ['x-request-id', 'retry-after', 'idempotent-replayed', 'x-should-retry'],
        maxAge: 600,
      }),
    );
  }
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: deps.config.maxBodyBytes,
      onError: () => {
        // the rest of the body is never read: close the connection so a keep-alive client does
        // not send its next request into the unread remainder
        throw new ApiError('PAYLOAD_TOO_LARGE', `the body is larger than ${deps.config.maxBodyBytes} bytes (LAYERLAB_MAX_BODY_BYTES)`, {
          headers: { connection: 'close' },
        });
      },
    }),
  );
  app.use(
    '*',
    auth({
      keys: deps.config.apiKeys,
      isPublic: (path) => PUBLIC_PATHS.has(path),
      bypass: async (c) => {
        const match = ARTIFACT_FILE.exec(c.req.path);
        const token = c.req.query('token');
        if (match === null || token === undefined) return null;
        return checkArtifactToken({ secret: deps.secret, token, modelId: match[1] as string });
      },
    }),
  );

  app.use('*', rateLimit({ perMinute: deps.config.rateLimitPerMinute }));

  for (const routes of [datasetRoutes(), jobRoutes(), lrFinderRoutes(), modelRoutes(), sweepRoutes(), compareRoutes()]) app.route('/', routes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  const document = () =>
    app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Layerlab API',
        version: API_VERSION,
        description: 'Train and serve neural networks: upload a dataset, start a job, follow it, predict.',
      },
      security: [{ bearer: [] }],
    }) as unknown as Record<string, unknown>;
  app.route('/', serviceRoutes(document));
  app.route('/', dashboardRoutes());
  app.get('/', (c) => c.redirect('/docs'));

  app.notFound((c) => problemResponse(new ApiError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`), c.get('requestId') ?? 'req_unknown'));
  app.onError(errorHandler(log));
  return app;
}

export type App = ReturnType<typeof createApp>;
