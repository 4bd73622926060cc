#!/usr/bin/env node
/** The `messenger-rx` bin: runs the CLI on the process's arguments and exits with its code. */
import { runCli } from './program.js';

// A reader that stops early (`messenger-rx --help | head`) closes the pipe: stop quietly instead of crashing.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await runCli(process.argv.slice(2));
