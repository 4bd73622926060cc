#!/usr/bin/env node
/** The `messenger-rx` bin: runs the CLI on the process's arguments and exits with its code. */
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2));
