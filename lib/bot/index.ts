/**
 * The Bot: a verified webhook, a deduplicated RxJS stream of typed events, handlers run in order per
 * conversation, and replies that answer in context (DM, mention, comment).
 */
export { Bot } from './bot.js';
export type { AccessTokenResolver, BotOptions, BotStats, Listening, StopResult } from './bot.js';
export { Context } from './context.js';
export type { Mentioned } from './context.js';
export type { Reply, ReplyOptions, SentReply } from './reply.js';
export type { Handler, Trigger } from './router.js';
export { on } from './operators.js';
export { MemoryDedupStore } from './dedup.js';
export type { DedupStore, MemoryDedupStoreOptions } from './dedup.js';
export { dedupe } from './dedupe.js';
export type { DedupeOptions } from './dedupe.js';
export { DispatchProbe, dispatchByKey } from './dispatch.js';
export type { DispatchOptions, DispatchStats, Outcome } from './dispatch.js';
export {
  BotContextError,
  BotDecodeError,
  BotDedupError,
  BotHandlerError,
  BotOverflowError,
  BotStoppedError,
  BotWebhookError,
} from './errors.js';
export type { BotError } from './errors.js';
