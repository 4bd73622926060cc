/**
 * messenger-rx/redis: durable delivery and scale-out on Redis (ioredis is an optional peer dependency; the core
 * never loads this entry point). `RedisInbox` is the durable, shared inbox on Redis Streams; `RedisDedupStore` and
 * `RedisSessionStorage` share dedup marks and sessions between processes.
 */
export { RedisInbox, type RedisInboxOptions } from './inbox.js';
export { RedisDedupStore, type RedisDedupStoreOptions } from './dedup-store.js';
export { RedisSessionStorage, type RedisSessionStorageOptions } from './session-storage.js';
export type { RedisClient, RedisConnection } from './client.js';
export { partitionOf } from './keys.js';
export type { AcceptFailure } from './errors.js';
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
