import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { DASHBOARD_CSP, renderDashboard } from './page-html.js';

/** GET /dashboard: the page is public (it holds no data); its API calls carry the user's key. */
export function dashboardRoutes() {
  const app = new Hono<AppEnv>();
  let page: string | null = null;
  app.get('/dashboard', (c) => {
    page ??= renderDashboard();
    c.header('content-security-policy', DASHBOARD_CSP);
    c.header('cache-control', 'no-cache');
    return c.html(page);
  });
  return app;
}
