/** The shapes the test kit works with: what a bot under test must offer, and what its factory receives. */
import type { BotRole } from '../bot/index.js';
import type { Inbox } from '../delivery/index.js';
import type { Emulator, EmulatorOptions } from '../emulator/index.js';

/** A server started by a bot under test: its webhook URL and how to stop it (`bot.listen()` returns one). */
export interface ListeningBot {
  /** The webhook URL, e.g. `http://127.0.0.1:41234/webhook`. */
  readonly url: string;
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * What the test kit needs from a bot: `listen` and `stop`, as `Bot` has them. Anything else that serves a
 * webhook (a Botkit app, an express app wrapped in a few lines) can be tested by offering the same two methods.
 */
export interface TestableBot {
  /** Serves the webhook on `port` (0: any free port) and `host`, resolving once listening. */
  listen(port: number, host?: string): Promise<ListeningBot>;
  /** Stops the bot and lets running handlers finish. */
  stop(): Promise<unknown>;
  /** Optional: counters of queued work; `kit.settle()` waits for `backlog` 0 when present (`Bot` has it). */
  stats?(): { readonly backlog: number };
  /** Optional: resolves once no work is queued or running; `kit.settle()` awaits it when present. */
  idle?(): Promise<void>;
}

/**
 * The credentials a bot factory gets from the test kit (the emulator's), in the shape `new Bot(...)` and
 * `new MessengerAdapter(...)` take: `createTestKit((config) => new Bot(config))`.
 */
export interface BotConfig {
  readonly appSecret: string;
  readonly verifyToken: string;
  /** The page / Instagram account token. */
  readonly accessToken: string;
  /** Where the bot's Graph client sends its calls: the emulator's URL. */
  readonly graph: { readonly baseUrl: string };
  /**
   * Optional: the inbox the bot should use (the example runner passes a `RedisInbox` when `REDIS_URL` is set);
   * `new Bot(config)` takes it as is. Absent, the bot keeps its in-memory inbox.
   */
  readonly inbox?: Inbox;
  /** Optional: the bot's role with that inbox (`ROLE` of the example runner); absent, `'all'`. */
  readonly role?: BotRole;
}

/** Builds the bot under test from the emulator's credentials; the emulator itself is there for its ids. */
export type BotFactory<B extends TestableBot> = (config: BotConfig, emulator: Emulator) => B | Promise<B>;

/** Options of `createTestKit`. */
export interface TestKitOptions {
  /** A running emulator to use (the kit then leaves it open on `close()`), or options for the one it starts. */
  readonly emulator?: Emulator | EmulatorOptions;
  /** The port the bot listens on; default 0 (any free port). */
  readonly port?: number;
  /** The interface the bot listens on; default `127.0.0.1`. */
  readonly host?: string;
  /** Run the emulator's GET handshake against the webhook before the kit is handed out; default true. */
  readonly verify?: boolean;
}
