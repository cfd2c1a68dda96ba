import type { Layerlab } from '../node/index.js';
import type { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import type { Style } from './render/style.js';
import { UsageError } from './usage-error.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Shown in help: `--status <status>  only jobs with this status`. */
  description: string;
  /** The value's name in help, e.g. `<status>`. */
  value?: string;
}

/** What a command gets: the client, the terminal, its parsed arguments. */
export interface CommandContext {
  client: Layerlab;
  io: CliIo;
  /** --json: machine output on stdout, nothing else there. */
  json: boolean;
  /** Styles for stdout (plain unless it is a terminal). */
  style: Style;
  args: string[];
  options: Record<string, string | boolean | undefined>;
  /** Fires on Ctrl-C. */
  signal: AbortSignal;
  /** Human output for stdout. */
  print(text: string): void;
  /** Notes and hints: stderr, so stdout stays clean for --json and pipes. */
  note(text: string): void;
}

export interface Command {
  /** `train`, `jobs list`... */
  name: string;
  /** Positional arguments, e.g. `<spec.json>` or `<job> <job>...`. */
  args: string;
  summary: string;
  minArgs: number;
  /** Default: minArgs. Infinity for lists. */
  maxArgs?: number;
  options?: Record<string, OptionSpec>;
  /** Example lines for `layerlab <command> --help`. */
  examples?: string[];
  /** More help text (what goes in the input file...). */
  details?: string;
  run(context: CommandContext): Promise<ExitCode>;
}

/** A string option's value (undefined when absent). */
export function stringOption(context: CommandContext, name: string): string | undefined {
  const value = context.options[name];
  return typeof value === 'string' ? value : undefined;
}

/** The JSON of a value on stdout, pretty-printed, one document. */
export function printJson(context: CommandContext, value: unknown): void {
  context.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** An integer option within [min, max], or `fallback` when absent; anything else is a UsageError. */
export function intOption(context: CommandContext, name: string, range: { min: number; max: number; fallback: number }): number {
  const raw = stringOption(context, name);
  if (raw === undefined) return range.fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new UsageError(`--${name} must be an integer from ${range.min} to ${range.max}, got "${raw}"`);
  }
  return value;
}

/** A positive number option (learning rates...), or undefined when absent. */
export function numberOption(context: CommandContext, name: string): number | undefined {
  const raw = stringOption(context, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(`--${name} must be a positive number, got "${raw}"`);
  return value;
}

/** Table options that fit the terminal (nothing is dropped when stdout is a pipe or a file). */
export function fitTo(context: CommandContext, droppable: number[]): { maxWidth?: number; droppable?: number[] } {
  return context.io.stdout.isTTY ? { maxWidth: context.io.stdout.columns, droppable } : {};
}
