/**
 * Delivery: where acknowledged webhook events wait until the bot's chain runs them. One module for the Bot and
 * the Botkit adapter: the `Inbox` seam (in memory by default, Redis Streams in `messenger-rx/redis`), the
 * in-memory inbox (dedup, per-conversation order, concurrency, a bound on the queue, stats, idle, drain on
 * stop), the dedup store, and the RxJS operators it is built from.
 */

// The seam and the default inbox.
/** Where acknowledged events wait (`accept`, `start`, `stop`), and what runs one event. */
export type { EventHandler, Inbox } from './inbox.js';
export { MemoryInbox } from './memory-inbox.js';
/** Options and counters of the in-memory inbox, and the dedup option shared by the Bot and the Botkit adapter. */
export type { DedupOption, DeliveryStats, MemoryInboxOptions } from './memory-inbox.js';
export { InboxOverflowError, InboxStoppedError } from './errors.js';

// Redelivery deduplication: plug in a shared store (Redis-like) across processes.
export { MemoryDedupStore } from './dedup.js';
/** The store interface (`seen(key, ttlMs)`) and the in-memory store's options. */
export type { DedupStore, MemoryDedupStoreOptions } from './dedup.js';

// Building blocks: the RxJS operators the in-memory inbox is made of.
export { dedupe } from './dedupe.js';
/** Options of the `dedupe` operator. */
export type { DedupeOptions } from './dedupe.js';
export { DispatchProbe, dispatchByKey } from './dispatch.js';
/** Options, counters and per-value outcomes of the `dispatchByKey` operator. */
export type { DispatchOptions, DispatchStats, Outcome } from './dispatch.js';
