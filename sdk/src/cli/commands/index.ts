import type { Command } from '../command.js';
import { UsageError } from '../usage-error.js';
import { compareCommand } from './compare.js';
import { datasetCommands } from './datasets.js';
import { jobCommands } from './jobs.js';
import { lrFindCommand } from './lr-find.js';
import { metricsCommand } from './metrics.js';
import { modelCommands } from './models.js';
import { predictCommand } from './predict.js';
import { sweepCommands } from './sweeps.js';
import { trainCommand } from './train.js';

/** Every command, in the order `layerlab --help` lists them. */
export const COMMANDS: readonly Command[] = [
  ...datasetCommands,
  trainCommand,
  ...jobCommands,
  metricsCommand,
  predictCommand,
  lrFindCommand,
  compareCommand,
  ...modelCommands,
  ...sweepCommands,
];

const BY_NAME = new Map(COMMANDS.map((command) => [command.name, command]));

/** Groups (`jobs`, `datasets`...) and their subcommands. */
export function groupOf(word: string): Command[] {
  return COMMANDS.filter((command) => command.name.startsWith(`${word} `));
}

/** The command named by the first one or two words; a UsageError naming the choices otherwise. */
export function findCommand(words: string[]): { command: Command; consumed: number } | { group: string } {
  const [first, second] = words;
  if (first === undefined) throw new UsageError('no command given');
  const two = second === undefined ? undefined : BY_NAME.get(`${first} ${second}`);
  if (two !== undefined) return { command: two, consumed: 2 };
  const one = BY_NAME.get(first);
  if (one !== undefined) return { command: one, consumed: 1 };
  const group = groupOf(first);
  if (group.length > 0) {
    if (second === undefined) return { group: first };
    throw new UsageError(`unknown command "${first} ${second}"; try: ${group.map((c) => c.name).join(', ')}`);
  }
  const near = [...new Set(COMMANDS.map((command) => command.name.split(' ')[0] as string))].filter((word) => editDistance(word, first) <= 2);
  throw new UsageError(`unknown command "${first}"${near.length > 0 ? `; did you mean ${near.join(' or ')}?` : ''}`);
}

/** Levenshtein distance, for "did you mean" on a mistyped command. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost));
    }
    previous = current;
  }
  return previous[b.length] as number;
}
