/**
 * The command line room as other rooms see it (not a package entry point; the bin is `lib/cli/main.ts`): running
 * the CLI, and loading the bot file that `console` and `playground` run, with the echo bot as the default.
 */
export { runCli } from './program.js';
export { loadBotFile } from './bot-file.js';
export { BotFileError } from './errors.js';
export type { BotFileFactory } from './bot-file.js';
export { createDefaultBot } from './echo-bot.js';
