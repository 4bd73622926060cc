/**
 * Ack latency while the Graph API is slow: the stub answers every send after 3 s, and 10 connections post
 * webhooks at a steady rate; the 200 must not wait for the Graph API (p99 under 30 ms, within 1.5x the floor's).
 * Runs alternate floor, bot, bot, floor; percentiles are taken over the pooled samples of each server.
 */
import { presentServers, type BenchContext, type Kind } from './lib/context.js';
import { runLoad, type LoadResult } from './lib/load.js';
import { percentile, ratio } from './lib/stats.js';
import { checkExactlyOnce, settle, type ExactlyOnce } from './lib/stub.js';
import { fmt, fmtRatio, type SectionResult } from './lib/table.js';

const GRAPH_DELAY_MS = 3_000;
const CONNECTIONS = 10;
/** Requests per second across the 10 connections: a steady stream, not a saturation test. */
const RATE = 500;
const TARGET_P99_MS = 30;
const TARGET_RATIO = 1.5;

/** The figures of one server under the slow Graph API, over its runs. */
interface AckFigures {
  acked: number;
  p50: number;
  p99: number;
  non2xx: number;
  missing: number;
  duplicates: number;
}

/** One run: the load while every send takes 3 s, then the backlog drained at full speed and checked. */
async function measure(
  ctx: BenchContext,
  kind: Kind,
  tag: string,
  durationSec: number,
): Promise<{ load: LoadResult; once: ExactlyOnce }> {
  const server = ctx.servers[kind];
  if (server === null) throw new Error(`${kind} is not running`);
  await ctx.stub.call('reset');
  await ctx.stub.call('delay', GRAPH_DELAY_MS);
  let load: LoadResult;
  try {
    load = await runLoad({ url: server.url, connections: CONNECTIONS, durationSec, overallRate: RATE, tag });
  } finally {
    // Let the backlog drain quickly so the next figures start clean.
    await ctx.stub.call('delay', 0);
  }
  await settle(ctx.stub, { expected: load.acked, timeoutMs: 120_000 });
  const once = await checkExactlyOnce(ctx.stub, load.ackedMids);
  ctx.log(
    `  ${kind}: ${load.acked} acked, p50 ${fmt(load.p50, 2)} ms, p99 ${fmt(load.p99, 2)} ms, ` +
      `non2xx ${load.non2xx}, missing ${once.missing}, dup ${once.duplicates}`,
  );
  return { load, once };
}

/** Runs the ack-latency section: floor, bot, bot, floor at a steady rate while every send takes 3 s. */
export async function runAckLatency(ctx: BenchContext): Promise<SectionResult> {
  const present = presentServers(ctx);
  ctx.log(`ack latency: Graph API answering after ${GRAPH_DELAY_MS} ms, ${CONNECTIONS}c at ${RATE}/s`);
  const runs: Record<Kind, { load: LoadResult; once: ExactlyOnce }[]> = { floor: [], bot: [] };
  for (const { kind, server } of ctx.warmedUp ? [] : present) {
    // Warm-up (JIT) when this section runs alone; replies are not checked.
    await runLoad({
      url: server.url,
      connections: CONNECTIONS,
      durationSec: 2,
      overallRate: RATE,
      tag: `ackw-${kind}`,
    });
    await settle(ctx.stub, { timeoutMs: 30_000 });
  }
  const half = Math.max(1, ctx.durationSec / 2);
  const order = [...present, ...[...present].reverse()];
  for (const [i, { kind }] of order.entries())
    runs[kind].push(await measure(ctx, kind, `ack-${kind}-${i}`, half));

  const figures: Partial<Record<Kind, AckFigures>> = {};
  for (const { kind } of present) {
    const list = runs[kind];
    const pooled = list.flatMap((r) => r.load.latencies);
    figures[kind] = {
      acked: list.reduce((a, r) => a + r.load.acked, 0),
      p50: percentile(pooled, 50),
      p99: percentile(pooled, 99),
      non2xx: list.reduce((a, r) => a + r.load.non2xx, 0),
      missing: list.reduce((a, r) => a + r.once.missing, 0),
      duplicates: list.reduce((a, r) => a + r.once.duplicates, 0),
    };
  }
  const { floor, bot } = figures;
  const p99Ratio = ratio(bot?.p99 ?? Number.NaN, floor?.p99 ?? Number.NaN);
  return {
    rows: [
      {
        metric: `ack p99 ms, Graph API 3 s, ${CONNECTIONS}c @ ${RATE}/s`,
        floor: fmt(floor?.p99, 2),
        bot: fmt(bot?.p99, 2),
        ratio: fmtRatio(p99Ratio),
        target: `< ${TARGET_P99_MS} ms, <= ${TARGET_RATIO}x floor`,
        met:
          bot === undefined ? false : bot.p99 < TARGET_P99_MS && p99Ratio <= TARGET_RATIO && bot.non2xx === 0,
      },
      {
        metric: 'ack p50 ms, Graph API 3 s',
        floor: fmt(floor?.p50, 2),
        bot: fmt(bot?.p50, 2),
        ratio: fmtRatio(ratio(bot?.p50 ?? Number.NaN, floor?.p50 ?? Number.NaN)),
        target: '',
        met: null,
      },
    ],
    data: { graphDelayMs: GRAPH_DELAY_MS, connections: CONNECTIONS, rate: RATE, figures },
  };
}
