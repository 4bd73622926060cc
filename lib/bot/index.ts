/**
 * The Bot: a verified webhook, a deduplicated RxJS stream of typed events, handlers run in order per
 * conversation, and replies that answer in context (DM, mention, comment).
 *
 * Read this file top to bottom: what every bot uses, then what goes wrong, then the building blocks.
 *
 * ```ts
 * const bot = new Bot({ appSecret, verifyToken, accessToken });
 * bot.hears(/hi/i, (e, ctx) => ctx.reply.text('Hello!'));
 * bot.on('mention', async (e, ctx) => ctx.reply.text(`Thanks! You said: ${(await ctx.mentioned()).text}`));
 * await bot.listen(3000); // serves /webhook
 * ```
 */

// Everyday: the bot, its options, handlers and the context they get.
export { Bot } from './bot.js';
/** Options of `new Bot()`, the token resolver, stats, the `listen()` server and what `stop()` resolves with. */
export type { AccessTokenResolver, BotOptions, BotStats, Listening, StopResult } from './bot.js';
/** A handler `(event, ctx) => ...` and the string / RegExp triggers of hears, postback and quickReply. */
export type { Handler, Trigger } from './router.js';
export { Context } from './context.js';
/** What `ctx.mentioned()` resolves with: the mentioning comment or the caption. */
export type { Mentioned } from './context.js';
/** `ctx.reply`: text, quick replies, attachments, templates, typing, seen, reactions, private and comment replies. */
export type { Reply, ReplyOptions, SentReply } from './reply.js';
// Composing with RxJS: `bot.events$.pipe(on('message:text'), debounceTime(500))`.
export { on } from './operators.js';

// What goes wrong: everything `bot.errors$` carries (discriminated by `kind`), and the errors thrown directly.
export {
  BotContextError,
  BotDecodeError,
  BotDedupError,
  BotHandlerError,
  BotHandlerTimeoutError,
  BotOverflowError,
  BotStoppedError,
  BotWebhookError,
} from './errors.js';
/** The union of everything `bot.errors$` carries. */
export type { BotError } from './errors.js';

// Redelivery deduplication: plug in a shared store (Redis-like) across processes.
export { MemoryDedupStore } from './dedup.js';
/** The store interface (`seen(key, ttlMs)`) and the in-memory store's options. */
export type { DedupStore, MemoryDedupStoreOptions } from './dedup.js';

// Building blocks of the delivery pipeline (also used by the Botkit adapter).
export { dedupe } from './dedupe.js';
/** Options of the `dedupe` operator. */
export type { DedupeOptions } from './dedupe.js';
export { DispatchProbe, dispatchByKey } from './dispatch.js';
/** Options, counters and per-value outcomes of the `dispatchByKey` operator. */
export type { DispatchOptions, DispatchStats, Outcome } from './dispatch.js';
