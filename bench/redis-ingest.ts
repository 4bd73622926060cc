/**
 * Ingest on Redis (`npx tsx bench/redis-ingest.ts`, needs redis-server on PATH): signed single-message webhook POSTs
 * at 50 connections against one receiver and one worker (separate processes, `bench/servers/bot.ts --redis=...`) on
 * one redis-server, and against the in-memory echo Bot in the same run, alternated memory, redis, redis, memory.
 * Prints requests per second, the ack p50/p99, replies per second, and whether every acked request produced exactly
 * one reply, with the Redis / in-memory ratios. Options: `--duration 8` seconds per run (two runs per server).
 */
import { startServer, type ChildServer } from './lib/processes.js';
import { monotonicMs } from './lib/ipc.js';
import { runLoad } from './lib/load.js';
import { mean, percentile, ratio } from './lib/stats.js';
import { checkExactlyOnce, settle, type ExactlyOnce } from './lib/stub.js';
import { fmt, fmtRatio, renderTable, type Row } from './lib/table.js';
import { startRedis } from '../spec/support/redis.js';
import { numberArg } from './lib/args.js';

const CONNECTIONS = 50;
const TARGET = 0.5;

const DURATION_SEC = numberArg('duration', 8);

/** What one load run measured. */
interface Run {
  rps: number;
  latencies: number[];
  repliesPerSec: number;
  non2xx: number;
  exactlyOnce: ExactlyOnce;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function measure(
  stub: ChildServer,
  url: string,
  label: string,
  tag: string,
  durationSec: number,
): Promise<Run> {
  await stub.call('reset');
  const started = monotonicMs();
  const load = await runLoad({ url, connections: CONNECTIONS, durationSec, tag });
  const stats = await settle(stub, { expected: load.acked, timeoutMs: 120_000 });
  const exactlyOnce = await checkExactlyOnce(stub, load.ackedMids);
  const span = (stats.lastAtMs ?? started) - started;
  const run: Run = {
    rps: load.rps,
    latencies: load.latencies,
    repliesPerSec: span > 0 ? (exactlyOnce.replied * 1000) / span : Number.NaN,
    non2xx: load.non2xx,
    exactlyOnce,
  };
  log(
    `  ${label.padEnd(8)} ${fmt(load.rps, 0)} req/s, p50 ${fmt(load.p50, 2)} ms, p99 ${fmt(load.p99, 2)} ms, ` +
      `replies ${fmt(run.repliesPerSec, 0)}/s, missing ${exactlyOnce.missing}, dup ${exactlyOnce.duplicates}, ` +
      `non2xx ${load.non2xx}`,
  );
  return run;
}

function summary(runs: readonly Run[]): {
  rps: number;
  p50: number;
  p99: number;
  replies: number;
  once: string;
  ok: boolean;
} {
  const pooled = runs.flatMap((r) => r.latencies);
  const sum = (f: (e: ExactlyOnce) => number): number => runs.reduce((a, r) => a + f(r.exactlyOnce), 0);
  return {
    rps: mean(runs.map((r) => r.rps)),
    p50: percentile(pooled, 50),
    p99: percentile(pooled, 99),
    replies: mean(runs.map((r) => r.repliesPerSec)),
    once: `${sum((e) => e.acked)} acked, ${sum((e) => e.missing)} missing, ${sum((e) => e.duplicates)} dup`,
    ok: runs.every((r) => r.exactlyOnce.ok && r.non2xx === 0),
  };
}

const redis = await startRedis();
const children: ChildServer[] = [];
try {
  const stub = await startServer('stub-graph');
  children.push(stub);
  const memory = await startServer('bot', { graph: stub.url });
  children.push(memory);
  const receiver = await startServer('bot', { graph: stub.url, redis: redis.url, role: 'receiver' });
  children.push(receiver);
  const worker = await startServer('bot', { graph: stub.url, redis: redis.url, role: 'worker' });
  children.push(worker);

  log('redis ingest: warm-up');
  await measure(stub, memory.url, 'memory', 'warm-memory', 2);
  await measure(stub, receiver.url, 'redis', 'warm-redis', 2);
  const runs: Record<'memory' | 'redis', Run[]> = { memory: [], redis: [] };
  const order = ['memory', 'redis', 'redis', 'memory'] as const;
  log(`redis ingest: ${CONNECTIONS} connections, ${DURATION_SEC} s per run`);
  for (const [i, kind] of order.entries()) {
    const url = kind === 'memory' ? memory.url : receiver.url;
    runs[kind].push(await measure(stub, url, kind, `r${i}-${kind}`, DURATION_SEC));
  }
  const m = summary(runs.memory);
  const r = summary(runs.redis);
  const rpsRatio = ratio(r.rps, m.rps);
  const rows: Row[] = [
    {
      metric: `ingest ${CONNECTIONS}c: req/s`,
      floor: fmt(m.rps, 0),
      bot: fmt(r.rps, 0),
      ratio: fmtRatio(rpsRatio),
      target: `>= ${TARGET}x in-memory`,
      met: rpsRatio >= TARGET,
    },
    {
      metric: `ingest ${CONNECTIONS}c: ack p50 / p99 ms`,
      floor: `${fmt(m.p50, 2)} / ${fmt(m.p99, 2)}`,
      bot: `${fmt(r.p50, 2)} / ${fmt(r.p99, 2)}`,
      ratio: fmtRatio(ratio(r.p99, m.p99)),
      target: '',
      met: null,
    },
    {
      metric: `ingest ${CONNECTIONS}c: replies/s`,
      floor: fmt(m.replies, 0),
      bot: fmt(r.replies, 0),
      ratio: fmtRatio(ratio(r.replies, m.replies)),
      target: '',
      met: null,
    },
    {
      metric: 'every ack -> exactly one reply',
      floor: m.once,
      bot: r.once,
      ratio: '',
      target: '0 missing, 0 dup',
      met: m.ok && r.ok,
    },
  ];
  // The table's columns: "floor" is the in-memory Bot, "messenger-rx" one receiver + one worker on Redis.
  process.stdout.write('in-memory Bot (floor column) vs receiver + worker on Redis (messenger-rx column)\n');
  process.stdout.write(`${renderTable(rows)}\n`);
} finally {
  await Promise.all(children.map((child) => child.stop()));
  await redis.stop();
}
