/**
 * The Redis client the module runs on: ioredis (a `Redis` or a `Cluster`), given by the caller or made from a URL.
 * A client made here is owned (and closed) here; a caller's client is never closed, only duplicated for blocking
 * reads.
 */
import { createHash } from 'node:crypto';
import { Redis, type Cluster } from 'ioredis';

/** An ioredis client: a single server (`Redis`) or a cluster (`Cluster`). */
export type RedisClient = Redis | Cluster;

/** How to reach Redis: an ioredis client (shared, not closed by this module) or a `redis://` URL. */
export type RedisConnection = RedisClient | string;

/** A client and whether this module made it (and so must close it). */
export interface OwnedClient {
  readonly client: RedisClient;
  readonly owned: boolean;
}

/**
 * Opens a client for a connection. A URL gets a client whose queued commands fail after one reconnection attempt
 * (`maxRetriesPerRequest: 1`) instead of waiting in ioredis' offline queue indefinitely; the URL itself (which may
 * hold a password) is never copied into an error.
 */
export function openClient(connection: RedisConnection): OwnedClient {
  if (typeof connection !== 'string') return { client: connection, owned: false };
  return { client: new Redis(connection, { maxRetriesPerRequest: 1, lazyConnect: false }), owned: true };
}

/** Closes an owned client; a shared one is left alone. Never throws. */
export async function closeClient(owned: OwnedClient): Promise<void> {
  if (!owned.owned) return;
  await quietly(owned.client);
}

/** QUITs a client, falling back to dropping the socket when QUIT cannot be sent. Never throws. */
export async function quietly(client: RedisClient): Promise<void> {
  if (client.status === 'end') return;
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

/**
 * A Lua script run by EVALSHA, falling back to EVAL when the server does not know it (first use, or after a
 * restart flushed the script cache). Keys must share one hash tag so the script runs on Redis Cluster.
 */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** Runs the script with `keys` and `args`; resolves to the raw reply. */
  async run(
    client: RedisClient,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
