/** `RedisDedupStore`: a {@link DedupStore} shared by every process that uses one Redis. */
import type { DedupStore } from '../delivery/index.js';
import type { RedisClient } from './client.js';

/** Options of {@link RedisDedupStore}. */
export interface RedisDedupStoreOptions {
  /** The ioredis client (`Redis` or `Cluster`); the store never closes it. */
  redis: RedisClient;
  /** Prepended to every key (default `mrx:dedup:`). */
  prefix?: string;
}

/**
 * Remembers event keys in Redis with one atomic `SET key 1 NX PX ttl`: of any number of concurrent `seen` calls for
 * one key (across processes), exactly one answers false. Keys expire by themselves after `ttlMs`.
 *
 * @example
 * const bot = new Bot({ ...config, dedup: { store: new RedisDedupStore({ redis }) } });
 */
export class RedisDedupStore implements DedupStore {
  private readonly redis: RedisClient;
  private readonly prefix: string;

  constructor(options: RedisDedupStoreOptions) {
    this.redis = options.redis;
    this.prefix = options.prefix ?? 'mrx:dedup:';
  }

  /** Marks `key` for `ttlMs` (at least 1 ms) and answers true when it was already marked. */
  async seen(key: string, ttlMs: number): Promise<boolean> {
    const ttl = Math.max(1, Math.ceil(ttlMs));
    const reply = await this.redis.set(this.prefix + key, '1', 'PX', ttl, 'NX');
    return reply !== 'OK';
  }
}
