/**
 * `npm run playground [-- <bot-file>]`: starts the playground on `PORT` (default 3000; 0 takes any free port)
 * and prints its URL; Ctrl-C stops it. Without a bot file it runs the echo bot (examples/echo.ts).
 */
import { startPlayground } from './index.js';

function portOf(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number from 0 to 65535, got ${JSON.stringify(value)}.`);
  }
  return port;
}

async function main(): Promise<number> {
  const botFile = process.argv[2];
  let port = 3000;
  try {
    port = portOf(process.env['PORT']);
    const playground = await startPlayground({
      ...(botFile !== undefined ? { bot: botFile } : {}),
      port,
      print: (line) => process.stdout.write(`bot ▸ ${line}\n`),
    });
    process.stdout.write(
      `The playground of ${botFile ?? 'examples/echo.ts'} is at ${playground.url} (no Meta account, no internet). Ctrl-C stops it.\n`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await playground.close();
    return 0;
  } catch (error) {
    const inUse =
      typeof error === 'object' &&
      error !== null &&
      'cause' in error &&
      String((error as { cause: { code?: string } }).cause?.code) === 'EADDRINUSE';
    process.stderr.write(
      inUse
        ? `Port ${port} is already in use: PORT=${port + 1} npm run playground (PORT=0 takes any free port).\n`
        : `playground failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}

process.exitCode = await main();
