/**
 * messenger-rx: typed, RxJS-powered Messenger and Instagram bots.
 *
 * The package root holds what a bot author uses every day, grouped from everyday to expert. The rest sits behind
 * one entry point per part: `messenger-rx/events` (codecs, every event type, queries), `messenger-rx/graph` (the
 * client's groups, transports, retry and throttling), `messenger-rx/webhook` (the endpoint, framework adapters,
 * server limits, signing), `messenger-rx/delivery` (the inbox seam, dedup stores, operators), and the add-ons
 * `messenger-rx/redis`, `messenger-rx/botkit`, `messenger-rx/emulator`, `messenger-rx/testkit` and
 * `messenger-rx/playground`.
 *
 * @example
 * import { Bot } from 'messenger-rx';
 * const bot = new Bot({ appSecret, verifyToken, accessToken });
 * bot.on('message:text', (ctx) => ctx.reply.text(`You said: ${ctx.event.message.text}`));
 * await bot.listen(3000);
 */

// The bot, its options, the context a handler gets, and the RxJS operator for `bot.events$`.
export { Bot, Context, on } from './bot/index.js';
export type { BotOptions, BotRole, Reply } from './bot/index.js';

// Composition: `(ctx, next)` middleware, the Composer the Bot is, and the context narrowed by a query.
export { Composer, matchFilter } from './composer/index.js';
export type { ErrorHandler, Filter, Middleware, MiddlewareFn, NextFunction } from './composer/index.js';

// State that outlives one event: `session()` and `ctx.session`, and where sessions are kept.
export { MemorySessionStorage, session } from './session/index.js';
export type { SessionFlavor, SessionOptions, SessionStorage } from './session/index.js';

// Multi-turn flows: `conversations()`, `createConversation`, `ctx.conversation` and `conv`.
export { conversations, createConversation } from './conversations/index.js';
export type { Conversation, ConversationFlavor, ConversationFn } from './conversations/index.js';

// The events a handler names: queries and the event types they narrow to (all of them: `messenger-rx/events`).
export { decodeWebhook, matches } from './events/index.js';
export type {
  ChangeEvent,
  CommentEvent,
  DecodeIssue,
  DecodeResult,
  EchoEvent,
  EventFor,
  MentionEvent,
  MessageEvent,
  PostbackEvent,
  Query,
  ReactionEvent,
  ReferralEvent,
  StoryInsightsEvent,
  WebhookEvent,
} from './events/index.js';

// The Graph API client and what its sends take (its groups, retry and transports: `messenger-rx/graph`).
export { GraphClient } from './graph/index.js';
export type {
  Button,
  GraphClientOptions,
  OutgoingMessage,
  QuickReply,
  SendOptions,
  TemplatePayload,
} from './graph/index.js';

// What goes wrong: the base of every error of the library, and the ones a bot author catches or reads.
export { MessengerRxError } from './errors/index.js';
export type { BotError, MessengerRxErrorCode } from './errors/index.js';
export {
  BotHandlerError,
  BotHandlerTimeoutError,
  BotInboxError,
  ConversationError,
  GraphApiError,
  GraphError,
  HttpError,
  QueryError,
  SendLimitError,
  SessionStorageError,
} from './errors/index.js';
