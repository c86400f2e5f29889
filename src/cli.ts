#!/usr/bin/env node
// The `participation-effects` command (see `participation-effects --help`); the work is in node/cli.ts.
import { main } from './node/cli.js';

process.exitCode = await main(process.argv.slice(2));
