/** `messenger-rx console [bot-file]`: chat with a bot in the terminal, against the emulator. */
import type { Command } from 'commander';
import { loadBotFile } from '../bot-file.js';
import { runBotConsole } from '../console.js';
import type { CliRun } from '../context.js';
import { createDefaultBot } from '../echo-bot.js';

/** Registers `console [bot-file]` on the program. */
export function registerConsole(program: Command, run: CliRun): void {
  program
    .command('console')
    .description('Chat with a bot in the terminal against the built-in emulator (default: an echo bot)')
    .argument(
      '[bot-file]',
      'a .ts or .js file whose default export is (config) => bot or { create(config) }, e.g. examples/menu.ts',
    )
    .option('--port <port>', 'the port the bot listens on (0: any free port)', '0')
    .action((file: string | undefined, o: { port: string }) =>
      run(async (ctx) => {
        const create = file === undefined ? createDefaultBot : await loadBotFile(file, ctx.io.cwd);
        await runBotConsole(create, {
          input: ctx.io.stdin,
          out: (line) => ctx.io.out(`${line}\n`),
          port: Number(o.port),
        });
      }),
    );
}
