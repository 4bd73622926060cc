import { setTimeout as sleep } from 'node:timers/promises';
/** `createTestKit`: a bot under test, wired to an emulator, with a user side and waits for the bot's answers. */
import type { Subscription } from 'rxjs';
import {
  EmulatorTimeoutError,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type InstagramSimulator,
  type MessageWaitOptions,
  type SentMessage,
  type SimulatedUser,
  type UserOptions,
} from '../emulator/index.js';
import { SettleTimeoutError, TestKitStartError, UnexpectedReplyError } from './errors.js';
import type { BotConfig, BotFactory, ListeningBot, TestableBot, TestKitOptions } from './types.js';

/** Options of `kit.settle()`. */
export interface SettleOptions {
  /** How long no Graph call may come for the bot to count as settled; default 100 ms. */
  readonly quietMs?: number;
  /** Give up (SettleTimeoutError) after this long; default 5 s. */
  readonly timeoutMs?: number;
}

/** Options of `kit.noReply()`. */
export interface NoReplyOptions {
  /** How long to watch; default 200 ms. */
  readonly withinMs?: number;
  /** Only messages matching this count. */
  readonly predicate?: (message: SentMessage) => boolean;
}

/**
 * A running bot under test and an emulator playing Meta: act as users with `kit.user()` and
 * `kit.instagram`, await the bot's answers with `nextReply()` / `replies(n)`, then `close()`.
 */
export interface TestKit<B extends TestableBot = TestableBot> {
  /** The bot under test, as the factory returned it. */
  readonly bot: B;
  /** The emulator (Graph API + users) for everything the kit does not wrap: `requests`, `failNext`, `state`, ... */
  readonly emulator: Emulator;
  /** The credentials the bot was built with (the emulator's). */
  readonly config: BotConfig;
  /** The bot's webhook URL the simulated users POST to. */
  readonly webhookUrl: string;
  /**
   * A simulated user (PSID on Messenger, IGSID with `{ platform: 'instagram' }`); without an id, a new user
   * with a fresh id on every call. The same id and platform give the same user.
   */
  user(id?: string, options?: UserOptions): SimulatedUser;
  user(options: UserOptions): SimulatedUser;
  /** Instagram mentions (comment and caption), comments and story insights (`emulator.instagram`). */
  readonly instagram: InstagramSimulator;
  /** The next Send API message the bot sent that no wait has taken yet, with its full body. */
  nextReply(options?: MessageWaitOptions): Promise<SentMessage>;
  /** The next `n` Send API messages no wait has taken yet, oldest first. */
  replies(n: number, options?: MessageWaitOptions): Promise<SentMessage[]>;
  /** Every Send API message the bot sent so far (taken or not). */
  readonly sent: readonly SentMessage[];
  /** Resolves when no (matching) message comes within `withinMs`; rejects with UnexpectedReplyError otherwise. */
  noReply(options?: NoReplyOptions): Promise<void>;
  /** Resolves once the bot has no queued work and has made no Graph call for `quietMs` (counted from now at the earliest). */
  settle(options?: SettleOptions): Promise<void>;
  /** Stops the bot, then the emulator (unless it was passed in); safe to call twice. */
  close(): Promise<void>;
}

function isEmulator(value: Emulator | EmulatorOptions | undefined): value is Emulator {
  return typeof value === 'object' && 'connect' in value && typeof value.connect === 'function';
}

function reason(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'EADDRINUSE') {
    return 'the port is already in use';
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts an emulator and a bot wired to it: builds the bot with the emulator's credentials, makes it listen on
 * 127.0.0.1 (port 0 by default), connects the emulator's users to its webhook and runs the GET handshake.
 * A ready bot can be passed instead of a factory when its Graph client already points at `options.emulator`.
 * @example
 *   const kit = await createTestKit((config) => createEchoBot(config));
 *   await kit.user().say('hello');
 *   assert.equal((await kit.nextReply()).text, 'You said: hello');
 *   await kit.close();
 */
export async function createTestKit<B extends TestableBot>(
  bot: B | BotFactory<B>,
  options: TestKitOptions = {},
): Promise<TestKit<B>> {
  const owned = !isEmulator(options.emulator);
  const emulator = isEmulator(options.emulator) ? options.emulator : await startEmulator(options.emulator);
  const config: BotConfig = {
    appSecret: emulator.config.appSecret,
    verifyToken: emulator.config.verifyToken,
    accessToken: emulator.config.accessToken,
    graph: { baseUrl: emulator.url },
  };

  let instance: B | undefined;
  let listening: ListeningBot | undefined;
  const fail = async (
    step: 'create' | 'listen' | 'verify',
    error: unknown,
    detail: string,
  ): Promise<never> => {
    await listening?.close().catch(() => undefined);
    await instance?.stop().catch(() => undefined);
    if (owned) await emulator.close();
    throw new TestKitStartError(step, error, detail);
  };

  try {
    instance = typeof bot === 'function' ? await bot(config, emulator) : bot;
  } catch (error) {
    return fail('create', error, reason(error));
  }
  const port = options.port ?? 0;
  const host = options.host ?? '127.0.0.1';
  try {
    listening = await instance.listen(port, host);
  } catch (error) {
    return fail('listen', error, `listening on ${host}:${port}: ${reason(error)}`);
  }
  emulator.connect(listening.url);
  if (options.verify !== false) {
    const result = await emulator.verifyWebhook().catch((error: unknown) => error);
    if (
      result instanceof Error ||
      (typeof result === 'object' && result !== null && 'status' in result && result.status !== 200)
    ) {
      const detail =
        result instanceof Error
          ? result.message
          : `the GET handshake answered ${(result as { status: number }).status}`;
      return fail('verify', result, detail);
    }
  }

  return assemble(instance, emulator, config, listening, owned);
}

function assemble<B extends TestableBot>(
  bot: B,
  emulator: Emulator,
  config: BotConfig,
  listening: ListeningBot,
  ownsEmulator: boolean,
): TestKit<B> {
  let lastCall = Date.now();
  const calls: Subscription = emulator.requests$.subscribe(() => {
    lastCall = Date.now();
  });
  let counter = 0;
  let closing: Promise<void> | undefined;

  const user: TestKit<B>['user'] = (
    idOrOptions?: string | UserOptions,
    maybe?: UserOptions,
  ): SimulatedUser => {
    const userOptions = (typeof idOrOptions === 'object' ? idOrOptions : maybe) ?? {};
    let id = typeof idOrOptions === 'string' ? idOrOptions : undefined;
    if (id === undefined) {
      counter += 1;
      const prefix = userOptions.platform === 'instagram' ? '9' : '7';
      id = `${prefix}${String(counter).padStart(15, '0')}`;
    }
    return emulator.user(id, userOptions);
  };

  const settle = async (o: SettleOptions = {}): Promise<void> => {
    const quietMs = o.quietMs ?? 100;
    const timeoutMs = o.timeoutMs ?? 5_000;
    const start = Date.now();
    const deadline = start + timeoutMs;
    // Quiet means: no Graph call for quietMs, counted from the later of the last call and this call to settle.
    const quiet = (): boolean => Date.now() - Math.max(lastCall, start) >= quietMs;
    for (;;) {
      const backlog = bot.stats?.().backlog;
      const busy = backlog !== undefined && backlog > 0;
      if (!busy && quiet()) {
        if (bot.idle === undefined) return;
        await bot.idle();
        if (quiet()) return;
      }
      if (Date.now() >= deadline) throw new SettleTimeoutError(timeoutMs, backlog);
      await sleep(Math.min(10, quietMs));
    }
  };

  return {
    bot,
    emulator,
    config,
    webhookUrl: listening.url,
    user,
    instagram: emulator.instagram,
    nextReply: (o) => emulator.nextMessage(o?.predicate, o),
    replies: (n, o) => emulator.waitForMessages(n, o),
    get sent() {
      return emulator.sent;
    },
    noReply: async (o = {}) => {
      let message: SentMessage;
      try {
        message = await emulator.nextMessage(o.predicate, { timeoutMs: o.withinMs ?? 200 });
      } catch (error) {
        if (error instanceof EmulatorTimeoutError) return;
        throw error;
      }
      throw new UnexpectedReplyError(message);
    },
    settle,
    close: () => {
      closing ??= (async () => {
        calls.unsubscribe();
        await bot.stop();
        await listening.close();
        if (ownsEmulator) await emulator.close();
      })();
      return closing;
    },
  };
}
