/**
 * A worker process of the Redis inbox benchmark (forked by bench/redis.ts under tsx): a RedisInbox worker whose
 * handler awaits HANDLER_MS and counts the event in Redis. It tells its parent 'ready' once started and stops on
 * 'stop'.
 */
import { Redis } from 'ioredis';
import { RedisInbox } from '../../lib/redis/index.js';

const url = process.env.REDIS_URL ?? '';
const handlerMs = Number(process.env.HANDLER_MS ?? '50');
const counter = new Redis(url);
const inbox = new RedisInbox({
  redis: url,
  workerId: process.env.WORKER_ID,
  partitions: Number(process.env.PARTITIONS ?? '16'),
  errors: (error) => process.stderr.write(`worker ${process.env.WORKER_ID}: ${error.message}\n`),
});

inbox.start(async () => {
  if (handlerMs > 0) await new Promise((resolve) => setTimeout(resolve, handlerMs));
  await counter.incr('bench:handled');
});
process.send?.('ready');
process.on('message', (message) => {
  if (message !== 'stop') return;
  void inbox.stop().then(async () => {
    await counter.quit();
    process.exit(0);
  });
});
