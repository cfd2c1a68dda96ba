import { SDK_VERSION } from '../client/index.js';
import type { Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { renderTable } from './render/table.js';

function optionRows(options: Command['options']): string[][] {
  return Object.entries(options ?? {}).map(([name, spec]) => [
    `${spec.short === undefined ? '' : `-${spec.short}, `}--${name}${spec.value === undefined ? '' : ` ${spec.value}`}`,
    spec.description,
  ]);
}

/** `layerlab --help`: every command, the global options, the environment and the exit codes. */
export function generalHelp(): string {
  return `layerlab ${SDK_VERSION}: train and serve neural networks on a Layerlab API from the terminal

Usage: layerlab <command> [arguments] [options]

Commands
${renderTable(COMMANDS.map((command) => [`${command.name}${command.args === '' ? '' : ` ${command.args}`}`, command.summary]))}
Options for every command
${renderTable(optionRows(GLOBAL_OPTIONS))}
Environment
${renderTable([
  ['LAYERLAB_BASE_URL', 'the API (default http://127.0.0.1:8787, what `pnpm start` serves)'],
  ['LAYERLAB_API_KEY', 'your key, sent as Authorization: Bearer (none needed in local mode)'],
  ['NO_COLOR', 'plain output even on a terminal'],
])}
Exit codes
${renderTable([
  ['0', 'success'],
  ['1', 'the API answered with an error (the message quotes its detail and request id)'],
  ['2', 'bad arguments, or a file that cannot be read'],
  ['3', 'the job or sweep failed'],
  ['4', 'the job or sweep was cancelled'],
  ['5', 'the API could not be reached'],
  ['130', 'interrupted (Ctrl-C); a watched job keeps running'],
])}
Quick start
  pnpm start                                   # the local API, in another terminal
  layerlab datasets upload houses.csv          # → ds_...
  layerlab train spec.json --watch             # spec.json: { "dataset": "ds_...", "target": "price" }
  layerlab predict mdl_... rows.json

\`layerlab <command> --help\` shows a command's options and examples.
`;
}

/** `layerlab <command> --help`. */
export function commandHelp(command: Command): string {
  const options = optionRows(command.options);
  const examples = command.examples ?? [];
  return `Usage: layerlab ${command.name}${command.args === '' ? '' : ` ${command.args}`} [options]

${command.summary}
${command.details === undefined ? '' : `\n${command.details}\n`}${options.length === 0 ? '' : `\nOptions\n${renderTable(options)}`}
Options for every command
${renderTable(optionRows(GLOBAL_OPTIONS))}${examples.length === 0 ? '' : `\nExamples\n${examples.map((line) => `  ${line}`).join('\n')}\n`}`;
}

/** `layerlab jobs`: the subcommands of a group. */
export function groupHelp(group: string): string {
  const commands = COMMANDS.filter((command) => command.name.startsWith(`${group} `));
  return `Usage: layerlab ${group} <command> [arguments] [options]\n\n${renderTable(
    commands.map((command) => [`${command.name}${command.args === '' ? '' : ` ${command.args}`}`, command.summary]),
  )}`;
}
