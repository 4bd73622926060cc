/**
 * The Redis side of the example runner: checks that `REDIS_URL` answers, then builds the `RedisInbox` the example's
 * bot gets through its config. `messenger-rx/redis` and ioredis are loaded only when `REDIS_URL` is set.
 */
import type { Inbox } from '../../lib/delivery/index.js';
import { ExampleEnvError, redisAddress } from './env.js';

/** How long the reachability check waits for Redis before the runner gives up with one line. */
const PROBE_TIMEOUT_MS = 3000;

/** The message of a failed probe, with the URL's password (if any) cut out. */
function reasonOf(error: unknown, url: string): string {
  let text = error instanceof Error ? error.message : String(error);
  try {
    const password = decodeURIComponent(new URL(url).password);
    if (password !== '') text = text.split(password).join('***');
  } catch {
    // An unparsable URL was refused earlier (readDelivery).
  }
  return text === '' ? 'no answer' : text.replace(/\.$/, '');
}

/**
 * Opens the example's durable inbox: one PING through a short-lived client (no retries, no offline queue) so that
 * an unreachable or refusing Redis ends the example with one line (ExampleEnvError, host and port only), then a
 * `RedisInbox` on the URL, which opens and closes its own client.
 */
export async function openRedisInbox(url: string): Promise<Inbox> {
  const [{ Redis }, { RedisInbox }] = await Promise.all([
    import('ioredis'),
    import('../../lib/redis/index.js'),
  ]);
  const probe = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: PROBE_TIMEOUT_MS,
    retryStrategy: () => null,
  });
  // The first connection error says why (ECONNREFUSED, ...); the rejection that follows only says "closed".
  let first: unknown;
  probe.on('error', (error: unknown) => (first ??= error));
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new ExampleEnvError(
      [],
      `Redis at ${redisAddress(url)} (REDIS_URL) is unreachable: ${reasonOf(first ?? error, url)}`,
    );
  } finally {
    probe.disconnect();
  }
  return new RedisInbox({ redis: url });
}
