#!/usr/bin/env node
// The workspace ships TypeScript source (no build step): register tsx, then run the CLI's source.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// if a stray handle (a socket the server keeps open) would hold the process, do not hang the shell
setTimeout(() => process.exit(code), 2000).unref();
