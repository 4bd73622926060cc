/**
 * The Bot: a verified webhook, a deduplicated RxJS stream of typed events, a Composer whose middleware chain runs
 * once per event, in order per conversation, and replies that answer in context (DM, mention, comment).
 *
 * ```ts
 * const bot = new Bot({ appSecret, verifyToken, accessToken });
 * bot.hears(/hi/i, (ctx) => ctx.reply.text('Hello!'));
 * bot.on('mention', async (ctx) => ctx.reply.text(`Thanks! You said: ${(await ctx.mentioned()).text}`));
 * await bot.listen(3000); // serves /webhook
 * ```
 */

// Everyday: the bot, its options, the context handlers get and its reply.
export { Bot } from './bot.js';
export type { BotOptions, BotRole } from './bot.js';
export { Context } from './context.js';
export type { Reply } from './reply.js';
// Composing with RxJS: `bot.events$.pipe(on('message:text'), debounceTime(500))`.
export { on } from './operators.js';

// What goes wrong: everything `bot.errors$` carries (discriminated by `kind`), and the failures handlers cause.
export type { BotError } from './errors.js';
export { BotHandlerError, BotHandlerTimeoutError, BotInboxError } from './errors.js';
