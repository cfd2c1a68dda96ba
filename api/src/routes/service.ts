import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../app-env.js';
import { renderDocsPage } from './docs-page.js';
import { json } from './openapi-helpers.js';

const Health = z.object({ ok: z.boolean(), version: z.string(), store: z.enum(['fs', 's3']), mode: z.enum(['local', 'keys']) }).meta({ id: 'Health' });

const health = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['service'],
  summary: 'Liveness and configuration summary (no key needed)',
  responses: { 200: json(Health, 'Healthy') },
});

export const API_VERSION = '0.1.0';

/** /healthz, /openapi.json and /docs; `document` builds the OpenAPI document of the whole app. */
export function serviceRoutes(document: () => Record<string, unknown>) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(health, (c) => {
    const { config } = c.get('deps');
    return c.json({ ok: true, version: API_VERSION, store: config.store, mode: config.apiKeys === null ? ('local' as const) : ('keys' as const) }, 200);
  });
  app.get('/openapi.json', (c) => c.json(document()));
  app.get('/docs', (c) => c.html(renderDocsPage(document())));
  return app;
}
