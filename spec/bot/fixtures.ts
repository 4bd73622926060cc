import assert from 'node:assert/strict';
import { Bot, type BotOptions } from '../../lib/bot/index.js';
import { decodeWebhook, type WebhookEvent } from '../../lib/events/index.js';

/** Ids used across the bot specs. */
export const PAGE_ID = '1000';
export const IG_ID = '17841405726653026';

let counter = 0;
const nextMid = (): string => `m_${(counter += 1)}`;

/** Decodes a webhook body and asserts it decoded cleanly. */
export function decodeAll(body: unknown): WebhookEvent[] {
  const result = decodeWebhook(body);
  assert.deepEqual(result.errors, [], 'fixture should decode without issues');
  return result.events;
}

/** A Messenger (or Instagram) webhook body with the given messaging items under one entry. */
export function messagingBody(
  items: readonly Record<string, unknown>[],
  options: { object?: 'page' | 'instagram'; account?: string; standby?: boolean } = {},
): unknown {
  const account = options.account ?? (options.object === 'instagram' ? IG_ID : PAGE_ID);
  return {
    object: options.object ?? 'page',
    entry: [
      { id: account, time: 1_700_000_000_000, [options.standby === true ? 'standby' : 'messaging']: items },
    ],
  };
}

/** One received text message item from `user` to `account`. */
export function textItem(
  user: string,
  text: string,
  options: { mid?: string; account?: string; extra?: Record<string, unknown> } = {},
): Record<string, unknown> {
  return {
    sender: { id: user },
    recipient: { id: options.account ?? PAGE_ID },
    timestamp: 1_700_000_000_000 + counter,
    message: { mid: options.mid ?? nextMid(), text, ...options.extra },
  };
}

/** A received Messenger text message event. */
export function textEvent(
  user: string,
  text: string,
  options: { mid?: string; account?: string } = {},
): WebhookEvent {
  const [event] = decodeAll(messagingBody([textItem(user, text, options)]));
  assert.ok(event);
  return event;
}

/** A received Instagram DM text event. */
export function igTextEvent(user: string, text: string): WebhookEvent {
  const [event] = decodeAll(
    messagingBody([textItem(user, text, { account: IG_ID })], { object: 'instagram' }),
  );
  assert.ok(event);
  return event;
}

/** An echo of a text the page sent to `user`. */
export function echoEvent(user: string, text: string): WebhookEvent {
  const item = {
    sender: { id: PAGE_ID },
    recipient: { id: user },
    timestamp: 1_700_000_000_000,
    message: { mid: nextMid(), text, is_echo: true, app_id: 1 },
  };
  const [event] = decodeAll(messagingBody([item]));
  assert.ok(event);
  return event;
}

/** A text message delivered in `standby` (another app owns the thread). */
export function standbyTextEvent(user: string, text: string): WebhookEvent {
  const [event] = decodeAll(messagingBody([textItem(user, text)], { standby: true }));
  assert.ok(event);
  return event;
}

/** A postback with `payload`. */
export function postbackEvent(user: string, payload: string): WebhookEvent {
  const item = {
    sender: { id: user },
    recipient: { id: PAGE_ID },
    timestamp: 1_700_000_000_000,
    postback: { mid: nextMid(), title: 'Tap', payload },
  };
  const [event] = decodeAll(messagingBody([item]));
  assert.ok(event);
  return event;
}

/** An Instagram change event (`mentions`, `comments`, ...). */
export function changeEvent(field: string, value: Record<string, unknown>): WebhookEvent {
  const [event] = decodeAll({
    object: 'instagram',
    entry: [{ id: IG_ID, time: 1_520_622_968, changes: [{ field, value }] }],
  });
  assert.ok(event);
  return event;
}

/** Resolves after `ms` milliseconds. */
export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every few milliseconds until it holds (fails after `timeoutMs`). */
export async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await delay(2);
  }
}

/** A promise with its resolve function, to hold a handler open. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** The app secret of the bots `useBots` makes (to sign webhook bodies for them). */
export const APP_SECRET = 'app-secret';

/**
 * Registers an `afterEach` that stops every bot made in the enclosing `describe`, and returns the maker: a bot
 * with test secrets, a Graph client pointed at a closed loopback port (no retries) and a silent logger.
 */
export function useBots(): (options?: Partial<BotOptions>) => Bot {
  const bots: Bot[] = [];
  afterEach(async () => {
    await Promise.all(bots.splice(0).map((bot) => bot.stop({ timeoutMs: 100 })));
  });
  return (options = {}) => {
    const bot = new Bot({
      appSecret: APP_SECRET,
      verifyToken: 'verify',
      accessToken: 'TOKEN',
      graph: { baseUrl: 'http://127.0.0.1:1', retry: false },
      logger: () => undefined,
      ...options,
    });
    bots.push(bot);
    return bot;
  };
}
