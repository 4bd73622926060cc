/**
 * The `messenger-rx` command line: set-up and operation of a real page (webhook check, app and page subscriptions,
 * Messenger Profile, a test send) and a console chat with any bot file against the emulator.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerConsole } from './commands/console.js';
import { registerPage } from './commands/page.js';
import { registerPlayground } from './commands/playground.js';
import { registerProfile } from './commands/profile.js';
import { registerSend } from './commands/send.js';
import { registerSubscriptions } from './commands/subscriptions.js';
import { registerWebhook } from './commands/webhook.js';
import { createContext, type CliIo, type CliRun } from './context.js';
import { loadCliEnv } from './env.js';
import { describeFailure } from './errors.js';

export type { CliIo } from './context.js';

/** The package's version, read from its package.json (two levels up from lib/cli or dist/cli). */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const ENVIRONMENT_HELP = `
Settings come from the environment, then from a .env file in the current directory:
  APP_ID, APP_SECRET          the app (subscriptions; APP_SECRET also signs webhook checks and Graph calls)
  PAGE_ID, PAGE_ACCESS_TOKEN  the page (page, profile, send; PAGE_ID defaults to the token's page)
  VERIFY_TOKEN                the webhook's verify token (webhook check, subscriptions set)
  GRAPH_API_URL               the Graph API (default https://graph.facebook.com; e.g. the emulator's URL)
Tokens and secrets are never printed. On failure: one line on stderr and exit code 1.`;

/** Builds the program; `state.code` receives the exit code of a failed action. */
function createProgram(io: CliIo, state: { code: number }): Command {
  const program = new Command('messenger-rx');
  program
    .description(
      'Set up and operate a Messenger or Instagram bot: webhook, subscriptions, profile, sends, console.',
    )
    .version(packageVersion(), '-v, --version', 'print the version')
    .option('--json', 'print results as JSON')
    .addHelpText('after', ENVIRONMENT_HELP)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  const run: CliRun = async (action) => {
    const env = loadCliEnv(io.env, io.cwd);
    const json = program.opts<{ json?: boolean }>().json === true;
    try {
      await action(createContext(io, env, json));
    } catch (error) {
      io.err(`error: ${describeFailure(error, env.secrets())}\n`);
      state.code = 1;
    }
  };
  registerWebhook(program, run);
  registerSubscriptions(program, run);
  registerPage(program, run);
  registerProfile(program, run);
  registerSend(program, run);
  registerConsole(program, run);
  registerPlayground(program, run);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
    for (const sub of command.commands)
      sub.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  }
  return program;
}

/** The process's own input and output, environment and directory. */
export function processIo(): CliIo {
  return {
    env: process.env,
    cwd: process.cwd(),
    stdin: process.stdin,
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
  };
}

/**
 * Runs the CLI on `args` (without `node` and the script) and resolves with the exit code: 0, or 1 after one
 * line on stderr (a usage error, a missing variable, a Graph refusal, a failed check).
 */
export async function runCli(args: readonly string[], io: CliIo = processIo()): Promise<number> {
  const state = { code: 0 };
  const program = createProgram(io, state);
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    // Commander has printed its message (usage errors) or the help; --help and --version exit 0, the rest 1.
    if (error instanceof CommanderError) return error.exitCode;
    io.err(`error: ${describeFailure(error, [])}\n`);
    return 1;
  }
  return state.code;
}
