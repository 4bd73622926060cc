/**
 * Runs an example: against the built-in emulator (default) with a scripted demo, `--console` to type as the
 * user, or `--once` to play the demo and exit; against a real page when APP_SECRET etc. are set (see env.ts).
 */
import { pathToFileURL } from 'node:url';
import type { Observable } from 'rxjs';
import { Bot, type WebhookEvent } from '../../lib/index.js';
import type { Inbox } from '../../lib/delivery/index.js';
import {
  createTestKit,
  TestKitStartError,
  type BotConfig,
  type ListeningBot,
  type TestableBot,
  type TestKit,
} from '../../lib/testkit/index.js';
import { followTranscript, runConsole } from '../../lib/cli/console.js';
import { createDemo, type Demo } from './demo.js';
import { ExampleEnvError, readDelivery, readTarget, redisAddress, type RunRole } from './env.js';
import { openRedisInbox } from './redis.js';

/** One runnable example: how to build its bot and what the scripted demo does. */
export interface Example<B extends TestableBot> {
  /** The npm script, e.g. `example:menu`. */
  readonly script: string;
  /** One line saying what the example shows. */
  readonly title: string;
  /** Builds the bot from credentials (the emulator's, or the real page's); `print` writes a line to the terminal. */
  readonly create: (config: BotConfig, print: (line: string) => void) => B | Promise<B>;
  /** The scripted conversation played against the emulator. */
  readonly demo: (demo: Demo) => Promise<void>;
  /** How long the bot may stay silent before the demo's next step; default 150 ms (longer for debouncing). */
  readonly quietMs?: number;
}

/** Where the runner reads and writes; the defaults are the process's own. */
export interface RunIo {
  readonly argv?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly input?: NodeJS.ReadableStream;
  readonly out?: (line: string) => void;
  readonly err?: (line: string) => void;
  /** Stops a running example when it settles, as SIGINT and SIGTERM do (for tests and embedding). */
  readonly until?: Promise<unknown>;
}

/** True when the module of `moduleUrl` is the script node was started with (`tsx examples/echo.ts`). */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && moduleUrl === pathToFileURL(script).href;
}

function inUse(error: unknown): boolean {
  const cause = error instanceof TestKitStartError ? error.cause : error;
  return typeof cause === 'object' && cause !== null && 'code' in cause && cause.code === 'EADDRINUSE';
}

function portMessage(port: number, script: string): string {
  const command = script === 'example' ? 'npm run example' : `npm run ${script}`;
  return `Port ${port} is already in use. Stop what listens there, or pick another port: PORT=${port + 1} ${command} (PORT=0 takes any free port).`;
}

function summarise(event: WebhookEvent): string {
  switch (event.type) {
    case 'message':
      return (
        event.message.text ?? `(${event.message.attachments?.map((a) => a.type).join(', ') ?? 'message'})`
      );
    case 'postback':
      return `taps button ${event.postback.payload ?? event.postback.title ?? ''}`;
    case 'mention':
      return `mentions the account (${event.value.comment_id === undefined ? 'caption' : 'comment'})`;
    default:
      return `(${event.type})`;
  }
}

/** Waits for SIGINT or SIGTERM (or `until`, or `stop` being called), then runs `close`. */
function untilSignal(
  close: () => Promise<void>,
  until: Promise<unknown>,
): { done: Promise<void>; stop: () => void } {
  let stop: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    const onSignal = (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    stop = onSignal;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    until.then(onSignal, onSignal);
  }).then(close);
  return { done, stop };
}

/** The Redis inbox of this run and the process's role, when `REDIS_URL` is set. */
interface SharedInbox {
  readonly inbox: Inbox;
  readonly role: RunRole;
  /** `host:port` of Redis, for messages. */
  readonly address: string;
}

/** The bot's config, with the shared inbox and role when there is one. */
function configFor(config: BotConfig, shared: SharedInbox | undefined): BotConfig {
  return shared === undefined ? config : { ...config, inbox: shared.inbox, role: shared.role };
}

/** Builds the example's bot and checks that it took the shared inbox (a Botkit app, for one, has no inbox). */
async function createOn<B extends TestableBot>(
  example: Example<B>,
  config: BotConfig,
  shared: SharedInbox | undefined,
  out: (line: string) => void,
): Promise<B> {
  const bot = await example.create(configFor(config, shared), out);
  if (shared !== undefined && !(bot instanceof Bot && bot.inbox === shared.inbox)) {
    await bot.stop();
    throw new ExampleEnvError(
      [],
      `${example.script} does not run on the Redis inbox (its app takes no inbox from the config); unset REDIS_URL.`,
    );
  }
  return bot;
}

/** A worker process: handles the events the receivers put into Redis, serves no webhook. */
async function runWorker<B extends TestableBot>(
  example: Example<B>,
  bot: B,
  config: BotConfig,
  shared: SharedInbox,
  io: Required<RunIo>,
): Promise<void> {
  if (bot instanceof Bot) bot.start();
  io.out(
    `${example.title}: worker handling the events in Redis at ${shared.address}, replying through ${config.graph.baseUrl}.`,
  );
  io.out('It serves no webhook: run receivers with ROLE=receiver. Ctrl-C stops.');
  await untilSignal(async () => {
    await bot.stop();
  }, io.until).done;
}

async function runLive<B extends TestableBot>(
  example: Example<B>,
  config: BotConfig,
  port: number,
  io: Required<RunIo>,
  shared: SharedInbox | undefined,
): Promise<void> {
  const { out } = io;
  const bot = await createOn(example, config, shared, out);
  if (shared?.role === 'worker') return runWorker(example, bot, config, shared, io);
  let listening: ListeningBot;
  try {
    listening = await bot.listen(port);
  } catch (error) {
    await bot.stop();
    throw error;
  }
  const events = (bot as { events$?: Observable<WebhookEvent> }).events$;
  events?.subscribe((event) => {
    const user =
      'sender' in event && event.sender !== undefined && 'id' in event.sender
        ? event.sender.id
        : event.entryId;
    out(`${user} (${event.platform}) ▸ ${summarise(event)}`);
  });
  out(`${example.title}: serving the webhook at ${listening.url} for ${config.graph.baseUrl}.`);
  if (shared !== undefined) {
    out(
      shared.role === 'receiver'
        ? `Receiver: events go to Redis at ${shared.address}; start workers with ROLE=worker to answer them.`
        : `Events wait in Redis at ${shared.address}; more receivers (ROLE=receiver) and workers (ROLE=worker) may join.`,
    );
  }
  out(
    'Expose it with a tunnel (e.g. `ngrok http ' +
      String(port) +
      '`) and enter https://<tunnel>/webhook and VERIFY_TOKEN',
  );
  out(
    'as the callback URL in the app dashboard (Webhooks), subscribed to messages and messaging_postbacks. Ctrl-C stops.',
  );
  await untilSignal(async () => {
    await bot.stop();
    await listening.close();
  }, io.until).done;
}

async function runOnEmulator<B extends TestableBot>(
  example: Example<B>,
  port: number,
  io: Required<RunIo>,
  flags: ReadonlySet<string>,
  shared: SharedInbox | undefined,
): Promise<void> {
  const { out } = io;
  const kit: TestKit<B> = await createTestKit((config) => createOn(example, config, shared, out), {
    port,
    host: '127.0.0.1',
  });
  const names = new Map<string, string>();
  const transcript = followTranscript(kit, out, names);
  const quietMs = example.quietMs ?? 150;
  const close = async (): Promise<void> => {
    transcript.stop();
    await kit.close();
  };
  out(`${example.title}`);
  out(`Running against the built-in emulator: webhook ${kit.webhookUrl}, Graph API ${kit.emulator.url}.`);
  if (shared !== undefined) out(`Events wait in Redis at ${shared.address}.`);
  if (flags.has('--console')) {
    const signal = untilSignal(async () => undefined, io.until);
    const input = io.input;
    await Promise.race([
      runConsole({ kit, input, out, names, quietMs, choicesFor: transcript.choicesFor }),
      signal.done,
    ]);
    signal.stop();
    (input as { pause?: () => void }).pause?.();
    await close();
    return;
  }
  out('');
  try {
    await example.demo(createDemo(kit, out, names, quietMs));
  } catch (error) {
    await close();
    throw error;
  }
  out('');
  if (flags.has('--once')) {
    await close();
    return;
  }
  out(
    `The bot keeps running at ${kit.webhookUrl}. Type as the user with: npm run ${example.script} -- --console. Ctrl-C stops.`,
  );
  await untilSignal(close, io.until).done;
  out('Stopped: the bot and the emulator are closed.');
}

/** The failure to print: an ExampleEnvError thrown while the test kit created the bot is the kit error's cause. */
function unwrap(error: unknown): unknown {
  return error instanceof TestKitStartError && error.cause instanceof ExampleEnvError ? error.cause : error;
}

/**
 * Runs an example from the command line: reads the environment (PORT, APP_SECRET, VERIFY_TOKEN,
 * PAGE_ACCESS_TOKEN, GRAPH_API_URL, and REDIS_URL with ROLE for the Redis inbox, see env.ts) and the flags `--once`
 * and `--console`. Resolves with the exit code (0, or 1
 * after printing what went wrong) once the example has stopped.
 */
export async function runExample<B extends TestableBot>(
  example: Example<B>,
  io: RunIo = {},
): Promise<number> {
  const resolved: Required<RunIo> = {
    argv: io.argv ?? process.argv.slice(2),
    env: io.env ?? process.env,
    input: io.input ?? process.stdin,
    out: io.out ?? ((line) => process.stdout.write(`${line}\n`)),
    err: io.err ?? ((line) => process.stderr.write(`${line}\n`)),
    until: io.until ?? new Promise<never>(() => undefined),
  };
  const flags = new Set(resolved.argv);
  let port = 3000;
  let shared: SharedInbox | undefined;
  try {
    const target = readTarget(resolved.env);
    port = target.port;
    const delivery = readDelivery(resolved.env, target.mode === 'emulator');
    if (delivery.kind === 'redis') {
      const inbox = await openRedisInbox(delivery.url);
      shared = { inbox, role: delivery.role, address: redisAddress(delivery.url) };
    }
    if (target.mode === 'live') await runLive(example, target.config, target.port, resolved, shared);
    else await runOnEmulator(example, target.port, resolved, flags, shared);
    return 0;
  } catch (thrown) {
    const error = unwrap(thrown);
    if (error instanceof ExampleEnvError) resolved.err(error.message);
    else if (inUse(error)) resolved.err(portMessage(port, example.script));
    else
      resolved.err(
        `${example.script} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      );
    return 1;
  } finally {
    await shared?.inbox.stop();
  }
}
