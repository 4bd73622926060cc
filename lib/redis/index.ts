/**
 * messenger-rx/redis: durable delivery and scale-out on Redis (ioredis is an optional peer dependency; the core
 * never loads this entry point). `RedisInbox` is the durable, shared inbox on Redis Streams; `RedisDedupStore` and
 * `RedisSessionStorage` share dedup marks and sessions between processes.
 */

// The inbox, the dedup store and the session storage, the client they take, and the partition of a conversation.
export { RedisInbox } from './inbox.js';
export type { RedisInboxOptions } from './inbox.js';
export { RedisDedupStore } from './dedup-store.js';
export type { RedisDedupStoreOptions } from './dedup-store.js';
export { RedisSessionStorage } from './session-storage.js';
export type { RedisSessionStorageOptions } from './session-storage.js';
export type { RedisClient, RedisConnection } from './client.js';
export { partitionOf } from './keys.js';

// What goes wrong.
export {
  RedisAcceptError,
  RedisHandlerError,
  RedisInboxError,
  RedisInboxStateError,
  RedisLeaseLostError,
  RedisPoisonEntryError,
  RedisSessionDecodeError,
  RedisTrimmedEntriesError,
  RedisWorkerError,
} from './errors.js';
export type { AcceptFailure } from './errors.js';
