/**
 * `npm run playground [-- <bot-file>]`: `messenger-rx playground` with the repository's echo example as the
 * default bot. It serves the page on `PORT` (default 3000; 0 takes any free port) and prints its URL; Ctrl-C
 * stops it.
 */
import { runCli } from '../cli/index.js';

process.exitCode = await runCli(['playground', process.argv[2] ?? 'examples/echo.ts']);
