/** `messenger-rx playground [bot-file]`: the browser playground of a bot, against the emulator. */
import type { Command } from 'commander';
import { loadBotFile } from '../bot-file.js';
import type { CliRun } from '../context.js';
import { CliError } from '../errors.js';

/** Reads a port from the `--port` option or `PORT`: an integer from 0 (any free port) to 65535. */
function portOf(value: string): number {
  const port = Number(value);
  if (value.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new CliError(`the port must be a number from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

/** Resolves on SIGINT or SIGTERM, the ways a terminal or a supervisor stops the playground. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function inUse(error: unknown): boolean {
  const cause = typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
  return typeof cause === 'object' && cause !== null && 'code' in cause && cause.code === 'EADDRINUSE';
}

/** Registers `playground [bot-file]` on the program. */
export function registerPlayground(program: Command, run: CliRun): void {
  program
    .command('playground')
    .description(
      'Chat with a bot in the browser as Messenger and Instagram show it, against the built-in emulator (default: an echo bot)',
    )
    .argument(
      '[bot-file]',
      'a .ts or .js file whose default export is (config) => bot or { create(config) }, e.g. examples/menu.ts',
    )
    .option('--port <port>', 'the port of the page (0: any free port; default PORT or 3000)')
    .option('--host <host>', 'the interface the page is served on', '127.0.0.1')
    .action((file: string | undefined, o: { port?: string; host: string }) =>
      run(async (ctx) => {
        const port = portOf(o.port ?? ctx.io.env['PORT'] ?? '3000');
        // Loaded on use: the playground imports the bot-file loader of this room (lib/cli/index.ts), and the
        // other commands never need the playground's server and page.
        const { startPlayground } = await import('../../playground/index.js');
        const playground = await startPlayground({
          // Without a file the playground runs its default, the echo bot.
          ...(file === undefined ? {} : { bot: await loadBotFile(file, ctx.io.cwd), name: file }),
          port,
          host: o.host,
          print: (line) => ctx.io.out(`bot ▸ ${line}\n`),
        }).catch((error: unknown) => {
          if (!inUse(error)) throw error;
          throw new CliError(
            `port ${port} is already in use: pick another with --port or PORT (0 takes any free port)`,
          );
        });
        ctx.print({ url: playground.url }, [
          `The playground of ${file ?? 'the echo bot'} is at ${playground.url} (no Meta account, no internet). Ctrl-C stops it.`,
        ]);
        await untilStopped();
        await playground.close();
      }),
    );
}
