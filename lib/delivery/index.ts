/**
 * Delivery (`messenger-rx/delivery`): where acknowledged webhook events wait until the bot's chain runs them. One
 * module for the Bot and the Botkit adapter: the `Inbox` seam (in memory by default, Redis Streams in
 * `messenger-rx/redis`), the in-memory inbox (dedup, per-conversation order, concurrency, a bound on the queue,
 * stats, idle, drain on stop), the dedup stores, and the RxJS operators it is built from.
 */

// The seam and the default inbox.
export type { EventHandler, Inbox } from './inbox.js';
export { MemoryInbox } from './memory-inbox.js';
export type { DedupOption, DeliveryStats, MemoryInboxOptions } from './memory-inbox.js';
export { InboxOverflowError, InboxStoppedError } from './errors.js';

// Redelivery deduplication: plug in a shared store (Redis-like) across processes.
export { MemoryDedupStore } from './dedup.js';
export type { DedupStore, MemoryDedupStoreOptions } from './dedup.js';

// Building blocks: the RxJS operators the in-memory inbox is made of.
export { dedupe } from './dedupe.js';
export type { DedupeOptions } from './dedupe.js';
export { DispatchProbe, dispatchByKey } from './dispatch.js';
export type { DispatchOptions, DispatchStats, Outcome } from './dispatch.js';
