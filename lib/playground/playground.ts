/** `startPlayground`: the emulator, the bot and the page server, wired together. */
import type { Subscription } from 'rxjs';
import { createDefaultBot, loadBotFile, type BotFileFactory } from '../cli/index.js';
import {
  EmulatorUsageError,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type Platform,
} from '../emulator/index.js';
import type { ListeningBot, TestableBot } from '../testkit/index.js';
import { ActionC, NewUserC, decodeBody, perform } from './actions.js';
import { ASSET_NAMES, loadAssets } from './assets.js';
import { describeGraphCall, describeWebhook, profileChangedBy } from './describe.js';
import { PlaygroundRequestError, PlaygroundStartError } from './errors.js';
import { Feed } from './feed.js';
import { WebhookRelay } from './relay.js';
import { startPageServer, type PageServer } from './server.js';
import type { ConversationRef, Hello, JsonObject } from './types.js';
import { STARTING_USERS, UserRegistry } from './users.js';

/** Messenger Profile settings to start with, per platform, as a page admin would have set them. */
export interface PlaygroundProfiles {
  readonly messenger?: JsonObject;
  readonly instagram?: JsonObject;
}

/** Options of `startPlayground`; all optional. */
export interface PlaygroundOptions {
  /** The bot: a factory `(config, print) => bot`, or the path of a bot file; default the echo bot that `messenger-rx console` and `playground` run (it ships with the package). */
  readonly bot?: BotFileFactory | string;
  /** The page's port; default 0 (any free port). */
  readonly port?: number;
  /** The page's interface; default `127.0.0.1`. */
  readonly host?: string;
  /**
   * The Messenger Profile the emulator starts with (the bot may change it); default a Get Started button
   * with the payload `GET_STARTED` on Messenger, which most bots answer. Pass `{}` for none.
   */
  readonly profile?: PlaygroundProfiles;
  /** Where the lines the bot prints go, besides the page; default nowhere. */
  readonly print?: (line: string) => void;
  /** What the page calls the bot; default the bot file's path, or `your bot` for a factory. */
  readonly name?: string;
  /** Options of the emulator the playground starts. */
  readonly emulator?: EmulatorOptions;
}

/** A running playground. */
export interface Playground {
  /** The page, e.g. `http://127.0.0.1:3000/`. */
  readonly url: string;
  /** The emulator the page drives (its records, state and simulated users). */
  readonly emulator: Emulator;
  /** Stops the page server, the bot and the emulator; safe to call twice. */
  close(): Promise<void>;
}

/** The default profile: a Get Started button with the payload most bots answer. */
export const DEFAULT_PROFILE: PlaygroundProfiles = { messenger: { get_started: { payload: 'GET_STARTED' } } };

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function factoryOf(bot: PlaygroundOptions['bot']): Promise<BotFileFactory> {
  if (typeof bot === 'function') return bot;
  if (bot === undefined) return createDefaultBot;
  try {
    return await loadBotFile(bot);
  } catch (error) {
    throw new PlaygroundStartError('bot', reason(error), { cause: error });
  }
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the playground: an emulator, the bot wired to it, and a web page where you chat with the bot as
 * Messenger and Instagram users, with every webhook and Graph call beside the chat. Needs no Meta account
 * and no internet. Rejects with a `PlaygroundStartError` when the bot cannot be built, listen or verify.
 * @example
 *   const playground = await startPlayground({ bot: 'examples/menu.ts', port: 3000 });
 *   console.log(`Open ${playground.url}`);
 *   // later: await playground.close();
 */
export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const host = options.host ?? '127.0.0.1';
  const factory = await factoryOf(options.bot);
  const assets = await loadAssets(ASSET_NAMES);
  const emulator = await startEmulator(options.emulator);
  const { config } = emulator;
  const feed = new Feed();
  const users = new UserRegistry();
  const profileKey = (platform: Platform): string => `${config.pageId}:${platform}`;
  for (const platform of ['messenger', 'instagram'] as const) {
    const seeded = (options.profile ?? DEFAULT_PROFILE)[platform];
    if (seeded !== undefined) emulator.state.profiles.set(profileKey(platform), { ...seeded });
  }
  const publishProfile = (platform: Platform): void => {
    // Instagram's profile is set through the page with platform=instagram, or on the IG account itself.
    const keys =
      platform === 'messenger'
        ? [profileKey('messenger')]
        : [profileKey('instagram'), `${config.igAccountId}:instagram`, `${config.igAccountId}:messenger`];
    const stored = keys.map((key) => emulator.state.profiles.get(key)).find((p) => p !== undefined) ?? {};
    feed.publish({ type: 'profile', platform, profile: structuredClone(stored) });
  };
  publishProfile('messenger');
  publishProfile('instagram');
  for (const starting of STARTING_USERS)
    feed.publish({ type: 'user', user: users.add(starting.platform, starting.name) });

  const adopt = (conversation: ConversationRef | undefined, name?: string): void => {
    const user =
      conversation === undefined ? undefined : users.adopt(conversation.platform, conversation.userId, name);
    if (user !== undefined) feed.publish({ type: 'user', user });
  };
  const calls: Subscription = emulator.requests$.subscribe((request) => {
    const item = describeGraphCall(request, emulator.state, config);
    if (item !== undefined && item.kind !== 'comment-reply') adopt(item.conversation);
    feed.publish({
      type: 'graph',
      seq: feed.nextSeq(),
      at: request.receivedAt,
      requestId: request.id,
      method: request.method,
      path: request.path,
      query: request.query,
      body: request.body,
      status: request.status,
      response: request.response,
      item,
    });
    const changed = profileChangedBy(request, config);
    if (changed !== undefined) publishProfile(changed.platform);
  });
  const print = (line: string): void => {
    feed.publish({ type: 'print', seq: feed.nextSeq(), at: Date.now(), line });
    options.print?.(line);
  };

  let bot: TestableBot | undefined;
  let listening: ListeningBot | undefined;
  const relay = new WebhookRelay(() => listening?.url ?? '');
  let server: PageServer | undefined;
  const stop = async (): Promise<void> => {
    calls.unsubscribe();
    feed.close();
    await server?.close();
    await bot?.stop().catch(() => undefined);
    await listening?.close().catch(() => undefined);
    relay.close();
    await emulator.close();
  };
  const fail = async (step: PlaygroundStartError['step'], error: unknown, what: string): Promise<never> => {
    await stop();
    throw new PlaygroundStartError(step, `${what}: ${reason(error)}`, { cause: error });
  };

  try {
    bot = await factory(
      {
        appSecret: config.appSecret,
        verifyToken: config.verifyToken,
        accessToken: config.accessToken,
        graph: { baseUrl: emulator.url },
      },
      print,
    );
  } catch (error) {
    return fail('bot', error, 'The bot could not be built');
  }
  try {
    listening = await bot.listen(0, '127.0.0.1');
  } catch (error) {
    return fail('listen', error, 'The bot could not listen');
  }
  emulator.connect(listening.url);
  const verified = await emulator.verifyWebhook().catch((error: unknown) => error);
  if (verified instanceof Error || (verified as { status: number }).status !== 200) {
    return fail('verify', verified, "The bot's webhook failed the GET handshake");
  }

  const hello: Hello = {
    type: 'hello',
    page: { id: config.pageId, name: config.pageName },
    instagram: { id: config.igAccountId, username: config.igUsername },
    bot:
      options.name ??
      (typeof options.bot === 'string'
        ? options.bot
        : options.bot === undefined
          ? 'the echo bot'
          : 'your bot'),
  };
  try {
    server = await startPageServer({
      host,
      port: options.port ?? 0,
      assets,
      feed,
      hello,
      addUser: (body) => {
        const wanted = decodeBody(NewUserC, body);
        const user = users.add(wanted.platform, wanted.name);
        feed.publish({ type: 'user', user });
        return user;
      },
      act: async (body) => {
        const action = decodeBody(ActionC, body);
        try {
          return { status: await perform(action, emulator, users) };
        } catch (error) {
          if (error instanceof EmulatorUsageError) throw new PlaygroundRequestError(400, error.message);
          throw error;
        }
      },
      relay: async (raw, headers) => {
        const seq = feed.nextSeq();
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw.toString('utf8')) as unknown;
        } catch {
          parsed = raw.toString('utf8');
        }
        const items = describeWebhook(parsed, emulator.state, (platform, name) => users.idOf(platform, name));
        for (const item of items)
          adopt(item.conversation, item.kind === 'comment' ? item.username : undefined);
        feed.publish({ type: 'webhook', seq, at: Date.now(), body: parsed, items });
        try {
          const answer = await relay.forward(raw, headers);
          feed.publish({
            type: 'webhook-status',
            seq,
            status: answer.status,
            at: Date.now(),
            error: undefined,
          });
          return { status: answer.status, body: answer.body };
        } catch (error) {
          feed.publish({ type: 'webhook-status', seq, status: 0, at: Date.now(), error: reason(error) });
          throw error;
        }
      },
    });
  } catch (error) {
    return fail('listen', error, `The page could not listen on ${host}:${options.port ?? 0}`);
  }
  emulator.connect(`http://${hostForUrl(host)}:${server.port}/relay/webhook`);

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl(host)}:${server.port}/`,
    emulator,
    close: () => {
      closing ??= stop();
      return closing;
    },
  };
}
