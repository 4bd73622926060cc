/**
 * The Bot: a verified webhook, a deduplicated RxJS stream of typed events, a Composer whose middleware chain runs
 * once per event, in order per conversation, and replies that answer in context (DM, mention, comment).
 *
 * Read this file top to bottom: what every bot uses, then what goes wrong, then the building blocks.
 *
 * ```ts
 * const bot = new Bot({ appSecret, verifyToken, accessToken });
 * bot.hears(/hi/i, (ctx) => ctx.reply.text('Hello!'));
 * bot.on('mention', async (ctx) => ctx.reply.text(`Thanks! You said: ${(await ctx.mentioned()).text}`));
 * await bot.listen(3000); // serves /webhook
 * ```
 */

// Everyday: the bot, its options, handlers and the context they get.
export { Bot } from './bot.js';
/**
 * Options of `new Bot()`, the token resolver, the context class option, the roles, stats, the `listen()` server
 * and what `stop()` resolves with.
 */
export type {
  AccessTokenResolver,
  BotOptions,
  BotRole,
  BotStats,
  ContextConstructor,
  Listening,
  StopResult,
} from './bot.js';
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
  BotInboxError,
  BotOverflowError,
  BotRoleError,
  BotStoppedError,
  BotWebhookError,
} from './errors.js';
/** The union of everything `bot.errors$` carries. */
export type { BotError } from './errors.js';
