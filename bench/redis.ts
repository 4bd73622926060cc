/**
 * The Redis inbox benchmark (`npx tsx bench/redis.ts`, needs redis-server on PATH): the inbox alone, without the
 * Bot or HTTP. One process accepts webhook-sized batches while 1, 2 and 4 worker processes run a handler that awaits
 * 50 ms; it prints events accepted and handled per second for each, then Redis' used_memory around 100,000 events
 * (a backlog with no worker, then after the workers handled and trimmed it). Figures and ratios, no assertions.
 * Options: `--events 20000` per throughput run, `--memory-events 100000`, `--handler-ms 50`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { decodeWebhook, type WebhookEvent } from '../lib/events/index.js';
import { RedisInbox } from '../lib/redis/index.js';
import { startRedis } from '../spec/support/redis.js';
import { numberArg } from './lib/args.js';

const PARTITIONS = 16;
const BATCH = 100;
const CONCURRENT_POSTS = 8;
const WORKER = fileURLToPath(new URL('./redis/worker.ts', import.meta.url));

const EVENTS = numberArg('events', 20_000);
const MEMORY_EVENTS = numberArg('memory-events', 100_000);
const HANDLER_MS = numberArg('handler-ms', 50);

/** `count` events over `count / 10` conversations, 10 each, interleaved, as webhook batches of BATCH. */
function batchesOf(count: number, run: string): WebhookEvent[][] {
  const users = Math.max(1, Math.floor(count / 10));
  const events: WebhookEvent[] = [];
  for (let i = 0; i < count; i++) {
    const user = `u${i % users}`;
    const body = {
      object: 'page',
      entry: [
        {
          id: 'PAGE',
          time: 1_700_000_000_000,
          messaging: [
            {
              sender: { id: user },
              recipient: { id: 'PAGE' },
              timestamp: 1_700_000_000_000 + i,
              message: {
                mid: `m.${run}.${i}`,
                text: `message ${i} of a benchmark, about as long as a chat line`,
              },
            },
          ],
        },
      ],
    };
    events.push(...decodeWebhook(body).events);
  }
  const batches: WebhookEvent[][] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
  return batches;
}

/** Accepts the batches with CONCURRENT_POSTS in flight, like several webhook POSTs at once. */
async function acceptAll(inbox: RedisInbox, batches: WebhookEvent[][]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENT_POSTS }, async () => {
      while (next < batches.length) await inbox.accept(batches[next++]!);
    }),
  );
}

async function startWorkers(url: string, count: number): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => {
      const child = fork(WORKER, [], {
        execArgv: ['--import', 'tsx'],
        env: {
          ...process.env,
          REDIS_URL: url,
          WORKER_ID: `bench-${i}`,
          PARTITIONS: String(PARTITIONS),
          HANDLER_MS: String(HANDLER_MS),
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      return new Promise<ChildProcess>((resolve) => child.once('message', () => resolve(child)));
    }),
  );
}

async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.send('stop');
        }),
    ),
  );
}

/** Waits until every partition is leased (so a run does not time the workers' start). */
async function leased(redis: Redis): Promise<void> {
  for (;;) {
    let held = 0;
    for (let p = 0; p < PARTITIONS; p++) held += await redis.exists(`mrx:{mrx:${p}}:lease`);
    if (held === PARTITIONS) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function handled(redis: Redis, total: number): Promise<void> {
  while (Number((await redis.get('bench:handled')) ?? '0') < total) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 'NaN');
}

async function streamLength(redis: Redis): Promise<number> {
  let total = 0;
  for (let p = 0; p < PARTITIONS; p++) total += await redis.xlen(`mrx:{mrx:${p}}:stream`);
  return total;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const server = await startRedis();
  const redis = new Redis(server.url);
  const receiver = new RedisInbox({ redis: server.url, partitions: PARTITIONS });
  console.log(
    `Redis inbox benchmark: Node ${process.version}, ${cpus().length} cores, redis-server on loopback, ` +
      `${PARTITIONS} partitions, batches of ${BATCH} (${CONCURRENT_POSTS} at once), handler awaits ${HANDLER_MS} ms`,
  );
  try {
    const rows: { workers: number; accepted: number; handled: number }[] = [];
    for (const count of [1, 2, 4]) {
      await redis.flushall();
      const workers = await startWorkers(server.url, count);
      await leased(redis);
      const batches = batchesOf(EVENTS, `t${count}`);
      const started = performance.now();
      await acceptAll(receiver, batches);
      const acceptedAt = performance.now();
      await handled(redis, EVENTS);
      const doneAt = performance.now();
      await stopWorkers(workers);
      rows.push({
        workers: count,
        accepted: EVENTS / ((acceptedAt - started) / 1000),
        handled: EVENTS / ((doneAt - started) / 1000),
      });
    }
    console.log(`\n${EVENTS} events over ${EVENTS / 10} conversations, workers running while accepting:`);
    console.log('| workers | accepted events/s | handled events/s | handled vs 1 worker |');
    console.log('| ------: | ----------------: | ---------------: | ------------------: |');
    for (const row of rows) {
      console.log(
        `| ${row.workers} | ${row.accepted.toFixed(0)} | ${row.handled.toFixed(0)} | ` +
          `${(row.handled / rows[0]!.handled).toFixed(2)}x |`,
      );
    }

    await redis.flushall();
    const empty = await usedMemory(redis);
    await acceptAll(receiver, batchesOf(MEMORY_EVENTS, 'mem'));
    const backlog = await usedMemory(redis);
    const backlogLength = await streamLength(redis);
    const workers = await startWorkers(server.url, 4);
    await handled(redis, MEMORY_EVENTS);
    // Let one heartbeat (claimIdleMs / 3 = 5 s by default) trim what was acknowledged.
    while ((await streamLength(redis)) > PARTITIONS * 100)
      await new Promise((resolve) => setTimeout(resolve, 200));
    const drained = await usedMemory(redis);
    const drainedLength = await streamLength(redis);
    const dedupKeys = (await redis.dbsize()) - PARTITIONS * 2 - 2;
    await stopWorkers(workers);
    console.log(`\nRedis used_memory around ${MEMORY_EVENTS} events (4 workers):`);
    console.log('| state | used_memory | stream entries |');
    console.log('| :---- | ----------: | -------------: |');
    console.log(`| empty | ${mb(empty)} | 0 |`);
    console.log(`| ${MEMORY_EVENTS} accepted, no worker yet (backlog) | ${mb(backlog)} | ${backlogLength} |`);
    console.log(
      `| all handled and trimmed (${dedupKeys} dedup marks remain for their 1 h window) | ${mb(drained)} | ${drainedLength} |`,
    );
  } finally {
    await receiver.stop();
    await redis.quit();
    await server.stop();
  }
}

await main();
