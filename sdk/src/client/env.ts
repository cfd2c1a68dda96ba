interface RuntimeGlobals {
  process?: { env?: Record<string, string | undefined> };
  Deno?: { env?: { get?: (name: string) => string | undefined } };
}

/**
 * An environment variable on Node, Bun and Deno; undefined in browsers and Workers (which have no
 * process environment). Read through globalThis so the client never imports a Node module.
 */
export function readEnv(name: string): string | undefined {
  const runtime = globalThis as RuntimeGlobals;
  const fromProcess = runtime.process?.env?.[name];
  if (fromProcess !== undefined) return fromProcess.trim() === '' ? undefined : fromProcess.trim();
  try {
    const fromDeno = runtime.Deno?.env?.get?.(name);
    return fromDeno === undefined || fromDeno.trim() === '' ? undefined : fromDeno.trim();
  } catch {
    // Deno without --allow-env throws: treat it as unset
    return undefined;
  }
}
