import type { OptionSpec } from './command.js';

/** Options every command takes. */
export const GLOBAL_OPTIONS = {
  json: { type: 'boolean', description: 'JSON on stdout (when watching: one event per line)' },
  'base-url': { type: 'string', value: '<url>', description: 'the API (LAYERLAB_BASE_URL; http://127.0.0.1:8787)' },
  'api-key': { type: 'string', value: '<key>', description: 'the API key (LAYERLAB_API_KEY)' },
  'no-color': { type: 'boolean', description: 'no colours even on a terminal' },
  help: { type: 'boolean', short: 'h', description: 'help for the command' },
  version: { type: 'boolean', description: "print layerlab's version" },
} as const satisfies Record<string, OptionSpec>;
