/**
 * Loading a bot file: the module that `messenger-rx console [bot-file]` and `messenger-rx playground [bot-file]`
 * (and `npm run playground -- <bot-file>`) run. A bot file's default export builds the bot from credentials:
 *
 * ```ts
 * export default (config: BotConfig) => { const bot = new Bot(config); ...; return bot; };
 * // or an object with `create(config)`, as every example in examples/ exports
 * ```
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BotConfig, TestableBot } from '../testkit/index.js';
import { BotFileError } from './errors.js';

/** Builds the bot of a bot file from the credentials it is given (the emulator's, or a real page's). */
export type BotFileFactory = (
  config: BotConfig,
  print: (line: string) => void,
) => TestableBot | Promise<TestableBot>;

function factoryOf(exported: unknown): BotFileFactory | undefined {
  if (typeof exported === 'function') return exported as BotFileFactory;
  if (typeof exported === 'object' && exported !== null && 'create' in exported) {
    const create = (exported as { create: unknown }).create;
    if (typeof create === 'function')
      return (config, print) => (create as BotFileFactory).call(exported, config, print);
  }
  return undefined;
}

/** Registers tsx's loader so that a `.ts` bot file can be imported from compiled code; a no-op when absent. */
async function allowTypeScript(path: string): Promise<void> {
  if (!/\.[cm]?tsx?$/.test(path)) return;
  try {
    const api = (await import('tsx/esm/api')) as { register: () => unknown };
    api.register();
  } catch {
    // Under tsx already, or tsx is not installed: the import below says what is wrong.
  }
}

/**
 * Imports a bot file and returns its factory. Rejects with a {@link BotFileError} naming the path when the
 * file cannot be imported or its default export is neither a function nor an object with `create`.
 */
export async function loadBotFile(path: string, cwd: string = process.cwd()): Promise<BotFileFactory> {
  const absolute = resolve(cwd, path);
  await allowTypeScript(absolute);
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(absolute).href)) as { default?: unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new BotFileError(`Cannot load the bot file ${path}: ${reason}`, path, { cause: error });
  }
  const factory = factoryOf(module.default);
  if (factory === undefined) {
    throw new BotFileError(
      `The bot file ${path} has no usable default export: export a function (config) => bot, or an object with create(config).`,
      path,
    );
  }
  return factory;
}
