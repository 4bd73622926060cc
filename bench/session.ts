/**
 * Sessions (`npx tsx bench/session.ts [--duration 8]`, not part of `npm run bench`): the echo bot with
 * `session()` on the default MemorySessionStorage (each message reads, increments and writes its sender's
 * counter) against the same bot without sessions, at 50 connections, alternated plain, session, session, plain;
 * then a fresh session bot takes 100,000 distinct senders and its memory is read after a GC: the storage's
 * bound (10,000 entries by default) keeps it flat however many senders come.
 */
import { runLoad } from './lib/load.js';
import { startServer, type ChildServer } from './lib/processes.js';
import { mb } from './lib/stats.js';
import { settle } from './lib/stub.js';
import { numberArg } from './lib/args.js';

const CONNECTIONS = 50;
const SENDERS = 100_000;

async function rps(
  stub: ChildServer,
  server: ChildServer,
  tag: string,
  durationSec: number,
): Promise<number> {
  await stub.call('reset');
  const load = await runLoad({ url: server.url, connections: CONNECTIONS, durationSec, tag });
  await settle(stub, { expected: load.acked, timeoutMs: 60_000 });
  process.stderr.write(`  ${tag}: ${load.rps.toFixed(0)} req/s, p99 ${load.p99.toFixed(2)} ms\n`);
  return load.rps;
}

async function main(): Promise<void> {
  const durationSec = numberArg('duration', 8);
  const stub = await startServer('stub-graph');
  const children: ChildServer[] = [stub];
  try {
    const plain = await startServer('bot', { graph: stub.url });
    const withSession = await startServer('bot', { graph: stub.url, session: 'on' });
    children.push(plain, withSession);
    await rps(stub, plain, 'warmup-plain', 2);
    await rps(stub, withSession, 'warmup-session', 2);
    const plainRps = [await rps(stub, plain, 'plain-1', durationSec)];
    const sessionRps = [await rps(stub, withSession, 'session-1', durationSec)];
    sessionRps.push(await rps(stub, withSession, 'session-2', durationSec));
    plainRps.push(await rps(stub, plain, 'plain-2', durationSec));
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const ratio = mean(sessionRps) / mean(plainRps);

    const fresh = await startServer('bot', { graph: stub.url, session: 'on' });
    children.push(fresh);
    const before = await fresh.gc();
    await stub.call('reset');
    const load = await runLoad({
      url: fresh.url,
      connections: CONNECTIONS,
      amount: SENDERS,
      senders: SENDERS,
      tag: 'senders',
    });
    await settle(stub, { expected: load.acked, timeoutMs: 120_000 });
    const after = await fresh.gc();
    const stats = await fresh.call<{ sessions: number }>('stats');

    const lines = [
      `echo bot at ${CONNECTIONS}c, ${durationSec} s runs: without session ${mean(plainRps).toFixed(0)} req/s, ` +
        `with session() ${mean(sessionRps).toFixed(0)} req/s: ${ratio.toFixed(2)}x (target >= 0.9x: ${ratio >= 0.9 ? 'met' : 'missed'})`,
      `${load.acked} distinct senders with sessions: ${stats.sessions} sessions kept (the bound), ` +
        `RSS ${mb(before.rss).toFixed(1)} -> ${mb(after.rss).toFixed(1)} MB, V8 heap used ${mb(before.heapUsed).toFixed(1)} -> ${mb(after.heapUsed).toFixed(1)} MB after GC`,
    ];
    for (const line of lines) process.stdout.write(`${line}\n`);
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}

await main();
