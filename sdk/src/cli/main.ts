import { parseArgs, type ParseArgsConfig } from 'node:util';
import { APIConnectionError, APIError, APIUserAbortError, AuthenticationError, DEFAULT_BASE_URL, LayerlabError, SDK_VERSION } from '../client/index.js';
import { Layerlab } from '../node/index.js';
import type { Command, CommandContext, OptionSpec } from './command.js';
import { findCommand } from './commands/index.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { commandHelp, generalHelp, groupHelp } from './help.js';
import { processIo, type CliIo } from './io.js';
import { createStyle } from './render/style.js';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

function optionsConfig(command: Command | null): Options {
  const all: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS, ...(command?.options ?? {}) };
  return Object.fromEntries(
    Object.entries(all).map(([name, spec]) => [name, spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short }]),
  );
}

/** The one line printed for a failure, and the exit code it maps to. */
export function describeError(error: unknown, context: { baseURL: string; command: Command | null }): { line: string; code: ExitCode } {
  if (error instanceof UsageError) {
    const hint = context.command === null ? 'layerlab --help' : `layerlab ${context.command.name} --help`;
    return { line: `${error.message} (see ${hint})`, code: EXIT.usage };
  }
  if (error instanceof AuthenticationError) {
    return { line: `${error.message} — set LAYERLAB_API_KEY or pass --api-key`, code: EXIT.error };
  }
  if (error instanceof APIError) return { line: error.message, code: EXIT.error };
  if (error instanceof APIUserAbortError) return { line: 'interrupted', code: EXIT.interrupted };
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error && error.cause.cause instanceof Error ? error.cause.cause.message : error.message;
    const hint = context.baseURL === DEFAULT_BASE_URL ? ' — is it running? Start it with `pnpm start`, or set LAYERLAB_BASE_URL' : ' — check LAYERLAB_BASE_URL / --base-url';
    return { line: `cannot reach the Layerlab API at ${context.baseURL} (${cause})${hint}`, code: EXIT.unreachable };
  }
  if (error instanceof LayerlabError) return { line: error.message, code: EXIT.error };
  return { line: error instanceof Error ? error.message : String(error), code: EXIT.error };
}

function parse(argv: string[], command: Command | null, strict: boolean) {
  try {
    return parseArgs({ args: argv, options: optionsConfig(command), allowPositionals: true, strict });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

/** Runs `layerlab <argv>` and resolves with its exit code; never throws. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let command: Command | null = null;
  let baseURL = io.env.LAYERLAB_BASE_URL ?? DEFAULT_BASE_URL;
  const controller = new AbortController();
  const removeInterrupt = io.onInterrupt(() => controller.abort(new Error('interrupted')));
  try {
    const loose = parse(argv, null, false);
    if (loose.values.version === true) {
      io.stdout.write(`${SDK_VERSION}\n`);
      return EXIT.ok;
    }
    if (loose.positionals.length === 0) {
      io.stdout.write(generalHelp());
      return loose.values.help === true ? EXIT.ok : EXIT.usage;
    }
    const found = findCommand(loose.positionals);
    if ('group' in found) {
      io.stdout.write(groupHelp(found.group));
      return loose.values.help === true ? EXIT.ok : EXIT.usage;
    }
    command = found.command;
    if (loose.values.help === true) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    const parsed = parse(argv, command, true);
    const args = parsed.positionals.slice(found.consumed);
    const maxArgs = command.maxArgs ?? command.minArgs;
    if (args.length < command.minArgs || args.length > maxArgs) {
      const expected = command.args === '' ? 'no arguments' : command.args;
      throw new UsageError(`layerlab ${command.name} takes ${expected}, got ${args.length === 0 ? 'none' : args.map((a) => `"${a}"`).join(' ')}`);
    }
    const values = parsed.values as Record<string, string | boolean | undefined>;
    baseURL = typeof values['base-url'] === 'string' ? values['base-url'] : baseURL;
    const apiKey = typeof values['api-key'] === 'string' ? values['api-key'] : (io.env.LAYERLAB_API_KEY ?? null);
    const client = new Layerlab({ baseURL, apiKey: apiKey === '' ? null : apiKey });
    baseURL = client.baseURL;
    const color = io.stdout.isTTY && values['no-color'] !== true && (io.env.NO_COLOR ?? '') === '' && io.env.TERM !== 'dumb';
    const context: CommandContext = {
      client,
      io,
      json: values.json === true,
      style: createStyle(color),
      args,
      options: values,
      signal: controller.signal,
      print: (text) => io.stdout.write(text),
      note: (text) => io.stderr.write(text),
    };
    return await command.run(context);
  } catch (error) {
    const { line, code } = describeError(error, { baseURL, command });
    io.stderr.write(`layerlab: ${line}\n`);
    return code;
  } finally {
    removeInterrupt();
  }
}
