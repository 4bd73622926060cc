/**
 * messenger-rx: typed, RxJS-powered Messenger and Instagram bots.
 *
 * Exports are grouped from everyday to expert: the Bot and its operator, composition, delivery, the event types
 * and queries, the Graph API client, then the webhook endpoint and its framework adapters. The Botkit adapter (`messenger-rx/botkit`),
 * the emulator (`messenger-rx/emulator`) and the test kit (`messenger-rx/testkit`) are separate entry points.
 *
 * @example
 * import { Bot } from 'messenger-rx';
 * const bot = new Bot({ appSecret, verifyToken, accessToken });
 * bot.on('message:text', (ctx) => ctx.reply.text(`You said: ${ctx.event.message.text}`));
 * await bot.listen(3000);
 */

// The error family every error of the library belongs to.
export { MessengerRxError } from './errors/index.js';

// Everyday: the bot, its context and the stream operator.
export * from './bot/index.js';

// Composition: `(ctx, next)` middleware, the Composer the Bot is, and the context narrowed by a query.
export * from './composer/index.js';

// State and multi-turn flows: `session()` and `ctx.session`, `conversations()` and `createConversation`.
export * from './session/index.js';
export * from './conversations/index.js';

// Delivery: the inbox seam, the in-memory inbox, the dedup store and the operators they are built from.
export * from './delivery/index.js';

// The events: decoding, event types, queries.
export * from './events/index.js';

// The Graph API client.
export * from './graph/index.js';

// The webhook endpoint and framework adapters.
export * from './webhook/index.js';
