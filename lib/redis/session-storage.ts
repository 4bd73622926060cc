/** `RedisSessionStorage`: a {@link SessionStorage} shared by every process that uses one Redis. */
import type { SessionStorage } from '../session/index.js';
import type { RedisClient } from './client.js';
import { RedisSessionDecodeError } from './errors.js';

/** Options of {@link RedisSessionStorage}. */
export interface RedisSessionStorageOptions {
  /** The ioredis client (`Redis` or `Cluster`); the storage never closes it. */
  redis: RedisClient;
  /** Prepended to every session key (default `mrx:session:`). */
  prefix?: string;
  /** When set, a session expires this long after its last write (a sliding TTL); by default sessions never expire. */
  ttlMs?: number;
}

/**
 * Sessions as JSON strings in Redis, one key per session. Values must be JSON-serialisable (what `JSON.stringify`
 * drops, such as functions, `undefined` fields or a `Date`'s type, does not come back).
 *
 * @example
 * bot.use(session({ initial: () => ({ count: 0 }), storage: new RedisSessionStorage({ redis, ttlMs: 86_400_000 }) }));
 */
export class RedisSessionStorage<S> implements SessionStorage<S> {
  private readonly redis: RedisClient;
  private readonly prefix: string;
  private readonly ttlMs: number | undefined;

  constructor(options: RedisSessionStorageOptions) {
    this.redis = options.redis;
    this.prefix = options.prefix ?? 'mrx:session:';
    if (options.ttlMs !== undefined && !(options.ttlMs >= 1)) {
      throw new RangeError(`ttlMs must be at least 1, got ${options.ttlMs}`);
    }
    this.ttlMs = options.ttlMs === undefined ? undefined : Math.ceil(options.ttlMs);
  }

  /** The session stored under `key`, or undefined. Throws {@link RedisSessionDecodeError} when it is not JSON. */
  async read(key: string): Promise<S | undefined> {
    const text = await this.redis.get(this.prefix + key);
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as S;
    } catch {
      throw new RedisSessionDecodeError(key);
    }
  }

  /** Stores `value` under `key` (replacing any), with the TTL when one is set. */
  async write(key: string, value: S): Promise<void> {
    const text = JSON.stringify(value);
    if (this.ttlMs === undefined) await this.redis.set(this.prefix + key, text);
    else await this.redis.set(this.prefix + key, text, 'PX', this.ttlMs);
  }

  /** Forgets the session under `key`. */
  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}
