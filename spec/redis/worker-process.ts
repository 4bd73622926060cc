/**
 * A worker process for the kill spec (forked under tsx): a RedisInbox worker whose handler logs to Redis like
 * loggingHandler and never finishes an event whose text ends with `:HANG_TEXT`. It tells its parent 'ready' once started.
 */
import { Redis } from 'ioredis';
import { RedisInbox } from '../../lib/redis/index.js';
import { loggingHandler, textOf } from './helpers.js';

const url = process.env.REDIS_URL ?? '';
const workerId = process.env.WORKER_ID ?? 'child';
const hang = process.env.HANG_TEXT ?? '';
const log = new Redis(url);
const inbox = new RedisInbox({
  redis: url,
  workerId,
  partitions: Number(process.env.PARTITIONS),
  claimIdleMs: Number(process.env.CLAIM_IDLE_MS),
  blockMs: 200,
  errors: () => undefined,
});
inbox.start(loggingHandler(log, workerId, (event) => textOf(event).endsWith(`:${hang}`)));
process.send?.('ready');
