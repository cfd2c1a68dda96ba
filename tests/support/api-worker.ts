import { unstable_dev, type Unstable_DevWorker } from 'wrangler';

/**
 * Starts the API Worker (api/src/worker.ts with infra/wrangler.toml) inside workerd through
 * wrangler's local dev server, on a free loopback port, with nothing leaving the machine.
 * `testScheduled` exposes the cron handler at /__scheduled.
 */
export function startApiWorker(options: { vars: Record<string, string>; testScheduled?: boolean }): Promise<Unstable_DevWorker> {
  process.env.WRANGLER_SEND_METRICS = 'false';
  // no download of the Request.cf placeholder from Cloudflare
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
  return unstable_dev('api/src/worker.ts', {
    config: 'infra/wrangler.toml',
    ip: '127.0.0.1',
    port: 0,
    local: true,
    persist: false,
    logLevel: 'warn',
    vars: options.vars,
    experimental: { disableExperimentalWarning: true, disableDevRegistry: true, ...(options.testScheduled === true ? { testScheduled: true } : {}) },
  });
}
