/**
 * Debounced answers, composed with RxJS: people often send a thought as a burst of short messages. This bot
 * takes `bot.events$`, keeps text messages with the `on` operator, groups them per conversation, and answers a
 * burst once, after the user has been quiet for a moment ("You sent 3 messages: ..."). Each group ends when its
 * user goes quiet (`groupBy` with a `duration`), so idle users cost nothing.
 *
 * Run it locally: `npm run example:debounce` (a burst of three messages against the emulator),
 * `npm run example:debounce -- --console` (type quickly, or paste several lines), or add `-- --once`.
 *
 * Run it against a real page: set APP_SECRET, VERIFY_TOKEN and PAGE_ACCESS_TOKEN (GRAPH_API_URL, PORT optional)
 * and start `npm run example:debounce`; the webhook is at /webhook. Expose it with a tunnel (`ngrok http 3000`),
 * set https://<tunnel>/webhook as the callback URL in the dashboard and subscribe the page to `messages`.
 */
import { EMPTY, catchError, debounceTime, defer, groupBy, mergeMap, toArray } from 'rxjs';
import { Bot, Context, on, type BotOptions, type EventFor } from '../lib/index.js';
import { isMain, runExample, type Example } from './support/run.js';

/** A text message event, as the `on('message:text')` operator narrows it. */
export type TextEvent = EventFor<'message:text'>;

/** Options of the debounce bot: how long a user must be quiet before the answer, and where failures go. */
export interface DebounceOptions extends BotOptions {
  /** Quiet time that ends a burst; default 800 ms. */
  readonly quietMs?: number;
  /** Called when an answer could not be sent; default a line on stderr. */
  readonly onError?: (error: unknown) => void;
}

/** The answer to one burst of messages. */
export function summariseBurst(texts: readonly string[]): string {
  if (texts.length === 1) return `You said: ${texts[0] ?? ''}`;
  const joined = texts.map((t) => `“${t}”`).join(', ');
  return `You sent ${texts.length} messages: ${joined.length > 600 ? `${joined.slice(0, 600)}…` : joined}`;
}

/** The debounce bot: one answer per burst of text messages per conversation. */
export function createDebounceBot(options: DebounceOptions): Bot {
  const {
    quietMs = 800,
    onError = (error: unknown) => console.error(`debounce: ${String(error)}`),
    ...botOptions
  } = options;
  const bot = new Bot(botOptions);
  bot.events$
    .pipe(
      on('message:text'),
      // One group per conversation, ended (and forgotten) once its user has been quiet for quietMs.
      groupBy((event: TextEvent) => event.conversation, {
        duration: (burst) => burst.pipe(debounceTime(quietMs)),
      }),
      mergeMap((burst) => burst.pipe(toArray())),
      mergeMap((events) => {
        const last = events[events.length - 1];
        if (last === undefined) return EMPTY;
        const answer = summariseBurst(events.map((e) => e.message.text));
        return defer(() => new Context(last, bot.api).reply.text(answer)).pipe(
          catchError((error: unknown) => {
            onError(error);
            return EMPTY;
          }),
        );
      }),
    )
    .subscribe();
  return bot;
}

/** The debounce example: Ann sends three messages in a row and gets one answer; Bob's single message is echoed. */
export const debounceExample: Example<Bot> = {
  script: 'example:debounce',
  title: 'Debounce: RxJS groupBy + debounceTime answer a burst of messages once.',
  create: (config) => createDebounceBot({ ...config, quietMs: 500 }),
  quietMs: 700,
  demo: async (demo) => {
    const ann = demo.messenger('Ann');
    await ann.burst(['hey', 'so about my order', 'can I add fries?']);
    const bob = demo.instagram('ig_bob');
    await bob.say('just one message');
  },
};

if (isMain(import.meta.url)) process.exitCode = await runExample(debounceExample);

/** The bot file of this example, for `messenger-rx console|playground examples/debounce.ts`. */
export default debounceExample;
