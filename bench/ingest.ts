/**
 * Ingest throughput: signed single-message webhook POSTs at 1, 10 and 50 connections against the floor and the
 * Bot, alternated floor, bot, bot, floor per level; requests per second, p50/p99 of the 200, replies per
 * second end to end, peak RSS at 50 connections, and whether every acked request produced exactly one reply.
 * Then, without a target, the Bot at 50 connections against a stricter floor that echoes over node:http.
 */
import { presentServers, type BenchContext, type Kind } from './lib/context.js';
import { startServer, type ChildServer } from './lib/processes.js';
import { monotonicMs } from './lib/ipc.js';
import { runLoad, type LoadResult } from './lib/load.js';
import type { StubStats } from './servers/stub-graph.js';
import { mean, mb, percentile, ratio } from './lib/stats.js';
import { checkExactlyOnce, settle, type ExactlyOnce } from './lib/stub.js';
import { fmt, fmtRatio, type Row, type SectionResult } from './lib/table.js';

const LEVELS = [1, 10, 50] as const;
const PEAK_LEVEL = 50;
const TARGET_RPS_RATIO = 0.8;

/** One measured run of one server at one connection level (latencies are pooled, not kept in results.json). */
interface RunFigures {
  latencies?: number[];
  rps: number;
  p50: number;
  p99: number;
  /** Replies reaching the stub per second, from the start of the run to the last reply. */
  repliesPerSec: number;
  non2xx: number;
  errors: number;
  exactlyOnce: ExactlyOnce;
  /** The server process's CPU time (user + system) per acked request, until its replies settled. */
  cpuUsPerRequest: number;
  peakRss?: number;
}

/** The figures of one server at one level (two runs combined). */
interface LevelFigures extends Omit<RunFigures, 'latencies' | 'peakRss'> {
  peakRss: number | null;
  runs: RunFigures[];
}

async function measure(
  ctx: BenchContext,
  server: ChildServer,
  label: string,
  connections: number,
  tag: string,
  durationSec: number,
): Promise<RunFigures> {
  await ctx.stub.call('reset');
  if (connections === PEAK_LEVEL) await server.resetPeak();
  const cpuBefore = await server.call<number>('cpu');
  const started = monotonicMs();
  const load: LoadResult = await runLoad({ url: server.url, connections, durationSec, tag });
  const stats: StubStats = await settle(ctx.stub, { expected: load.acked, timeoutMs: 60_000 });
  const cpuAfter = await server.call<number>('cpu');
  const exactlyOnce = await checkExactlyOnce(ctx.stub, load.ackedMids);
  const span = (stats.lastAtMs ?? started) - started;
  const figures: RunFigures = {
    latencies: load.latencies,
    rps: load.rps,
    p50: load.p50,
    p99: load.p99,
    repliesPerSec: span > 0 ? (exactlyOnce.replied * 1000) / span : Number.NaN,
    non2xx: load.non2xx,
    errors: load.errors + load.timeouts,
    exactlyOnce,
    cpuUsPerRequest: load.acked > 0 ? (cpuAfter - cpuBefore) / load.acked : Number.NaN,
  };
  if (connections === PEAK_LEVEL) figures.peakRss = (await server.memory()).peakRss;
  ctx.log(
    `  ${label.padEnd(10)} ${String(connections).padStart(2)}c: ${fmt(load.rps, 0)} req/s, ` +
      `p50 ${fmt(load.p50, 2)} ms, p99 ${fmt(load.p99, 2)} ms, replies ${fmt(figures.repliesPerSec, 0)}/s, ` +
      `${fmt(figures.cpuUsPerRequest, 0)} µs CPU/req, missing ${exactlyOnce.missing}, ` +
      `dup ${exactlyOnce.duplicates}, non2xx ${load.non2xx}`,
  );
  return figures;
}

function combine(runs: RunFigures[]): LevelFigures {
  const pooled = runs.flatMap((r) => r.latencies ?? []);
  for (const run of runs) delete run.latencies;
  const peaks = runs.map((r) => r.peakRss).filter((p): p is number => p !== undefined);
  const sum = (f: (e: ExactlyOnce) => number): number => runs.reduce((a, r) => a + f(r.exactlyOnce), 0);
  const exactlyOnce: ExactlyOnce = {
    acked: sum((e) => e.acked),
    replied: sum((e) => e.replied),
    missing: sum((e) => e.missing),
    duplicates: sum((e) => e.duplicates),
    unacked: sum((e) => e.unacked),
    ok: runs.every((r) => r.exactlyOnce.ok),
  };
  return {
    rps: mean(runs.map((r) => r.rps)),
    // Percentiles of the pooled samples of both runs.
    p50: percentile(pooled, 50),
    p99: percentile(pooled, 99),
    repliesPerSec: mean(runs.map((r) => r.repliesPerSec)),
    cpuUsPerRequest: mean(runs.map((r) => r.cpuUsPerRequest)),
    non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    exactlyOnce,
    peakRss: peaks.length > 0 ? Math.max(...peaks) : null,
    runs,
  };
}

/** Runs the ingest section and returns its rows (throughput, latency, exactly-once, peak RSS). */
export async function runIngest(ctx: BenchContext): Promise<SectionResult> {
  const present = presentServers(ctx);
  ctx.log('ingest: warm-up');
  for (const { kind, server } of present) await measure(ctx, server, kind, PEAK_LEVEL, `warm-${kind}`, 2);
  ctx.warmedUp = true;
  const levels: Record<string, Partial<Record<Kind, LevelFigures>>> = {};
  const half = Math.max(1, ctx.durationSec / 2);
  for (const connections of LEVELS) {
    ctx.log(`ingest: ${connections} connection(s)`);
    const runs: Record<Kind, RunFigures[]> = { floor: [], bot: [] };
    // floor, bot, bot, floor: a linear drift of the machine favours neither.
    const order = [...present, ...[...present].reverse()];
    for (const [i, { kind, server }] of order.entries()) {
      runs[kind].push(await measure(ctx, server, kind, connections, `i${connections}-${kind}-${i}`, half));
    }
    const level: Partial<Record<Kind, LevelFigures>> = {};
    for (const { kind } of present) level[kind] = combine(runs[kind]);
    levels[String(connections)] = level;
  }
  const stricter = await againstHttpFloor(ctx, half);
  return { rows: [...rowsOf(levels), ...stricterRows(stricter)], data: { levels, stricter } };
}

/** The Bot against the floor that echoes over node:http (as the Bot's Graph client sends) at 50 connections. */
interface StricterFigures {
  floor: LevelFigures;
  bot: LevelFigures;
}

/**
 * Measures the Bot against a second, stricter floor at 50 connections: the same bare server, echoing over
 * `node:http` with a keep-alive agent instead of `fetch`, alternated floor, bot, bot, floor as above.
 */
async function againstHttpFloor(ctx: BenchContext, durationSec: number): Promise<StricterFigures | null> {
  const bot = ctx.servers.bot;
  if (bot === null) return null;
  ctx.log(`ingest: ${PEAK_LEVEL} connections against the floor that echoes over node:http`);
  const floor = await startServer('floor', { graph: ctx.stub.url, send: 'http' });
  try {
    await measure(ctx, floor, 'floor-http', PEAK_LEVEL, 'warm-floor-http', 2);
    const runs: { floor: RunFigures[]; bot: RunFigures[] } = { floor: [], bot: [] };
    const order = [
      ['floor', floor],
      ['bot', bot],
      ['bot', bot],
      ['floor', floor],
    ] as const;
    for (const [i, [kind, server]] of order.entries()) {
      const label = kind === 'floor' ? 'floor-http' : 'bot';
      runs[kind].push(
        await measure(ctx, server, label, PEAK_LEVEL, `h${PEAK_LEVEL}-${kind}-${i}`, durationSec),
      );
    }
    return { floor: combine(runs.floor), bot: combine(runs.bot) };
  } finally {
    await floor.stop();
  }
}

function stricterRows(figures: StricterFigures | null): Row[] {
  if (figures === null) return [];
  const { floor, bot } = figures;
  const row = (metric: string, f: number | null, b: number | null, decimals: number): Row => ({
    metric,
    floor: fmt(f, decimals),
    bot: fmt(b, decimals),
    ratio: fmtRatio(ratio(b ?? Number.NaN, f ?? Number.NaN)),
    target: '',
    met: null,
  });
  return [
    row(`vs node:http floor, ${PEAK_LEVEL}c: req/s`, floor.rps, bot.rps, 0),
    row(`vs node:http floor, ${PEAK_LEVEL}c: p99 ms`, floor.p99, bot.p99, 2),
    row(
      `vs node:http floor, ${PEAK_LEVEL}c: CPU per request (µs)`,
      floor.cpuUsPerRequest,
      bot.cpuUsPerRequest,
      0,
    ),
    row(
      `vs node:http floor, ${PEAK_LEVEL}c: peak RSS (MB)`,
      floor.peakRss === null ? null : mb(floor.peakRss),
      bot.peakRss === null ? null : mb(bot.peakRss),
      1,
    ),
  ];
}

function rowsOf(levels: Record<string, Partial<Record<Kind, LevelFigures>>>): Row[] {
  const rows: Row[] = [];
  for (const connections of LEVELS) {
    const { floor, bot } = levels[String(connections)] ?? {};
    const rpsRatio = ratio(bot?.rps ?? Number.NaN, floor?.rps ?? Number.NaN);
    const isTarget = connections === PEAK_LEVEL;
    rows.push({
      metric: `ingest ${connections}c: req/s`,
      floor: fmt(floor?.rps, 0),
      bot: fmt(bot?.rps, 0),
      ratio: fmtRatio(rpsRatio),
      target: isTarget ? `>= ${TARGET_RPS_RATIO}x floor` : '',
      met: isTarget ? (Number.isFinite(rpsRatio) ? rpsRatio >= TARGET_RPS_RATIO : false) : null,
    });
    rows.push({
      metric: `ingest ${connections}c: p50 / p99 ms`,
      floor: floor === undefined ? 'n/a' : `${fmt(floor.p50, 2)} / ${fmt(floor.p99, 2)}`,
      bot: bot === undefined ? 'n/a' : `${fmt(bot.p50, 2)} / ${fmt(bot.p99, 2)}`,
      ratio: fmtRatio(ratio(bot?.p99 ?? Number.NaN, floor?.p99 ?? Number.NaN)),
      target: '',
      met: null,
    });
    rows.push({
      metric: `ingest ${connections}c: replies/s end to end`,
      floor: fmt(floor?.repliesPerSec, 0),
      bot: fmt(bot?.repliesPerSec, 0),
      ratio: fmtRatio(ratio(bot?.repliesPerSec ?? Number.NaN, floor?.repliesPerSec ?? Number.NaN)),
      target: '',
      met: null,
    });
  }
  const top = levels[String(PEAK_LEVEL)] ?? {};
  rows.push({
    metric: `ingest ${PEAK_LEVEL}c: server CPU per request (µs)`,
    floor: fmt(top.floor?.cpuUsPerRequest, 0),
    bot: fmt(top.bot?.cpuUsPerRequest, 0),
    ratio: fmtRatio(ratio(top.bot?.cpuUsPerRequest ?? Number.NaN, top.floor?.cpuUsPerRequest ?? Number.NaN)),
    target: '',
    met: null,
  });
  const all = LEVELS.map((c) => levels[String(c)] ?? {});
  const once = (kind: Kind): string => {
    const figures = all.map((l) => l[kind]).filter((f): f is LevelFigures => f !== undefined);
    if (figures.length === 0) return 'n/a';
    const acked = figures.reduce((a, f) => a + f.exactlyOnce.acked, 0);
    const missing = figures.reduce((a, f) => a + f.exactlyOnce.missing, 0);
    const dup = figures.reduce((a, f) => a + f.exactlyOnce.duplicates, 0);
    return `${acked} acked, ${missing} missing, ${dup} dup`;
  };
  const botOk = all.every((l) => l.bot?.exactlyOnce.ok ?? false);
  rows.push({
    metric: 'ingest: every ack -> exactly one reply',
    floor: once('floor'),
    bot: once('bot'),
    ratio: '',
    target: '0 missing, 0 dup',
    met: botOk,
  });
  const peak = levels[String(PEAK_LEVEL)] ?? {};
  const floorPeak = peak.floor?.peakRss ?? Number.NaN;
  const botPeak = peak.bot?.peakRss ?? Number.NaN;
  const peakRatio = ratio(botPeak, floorPeak);
  rows.push({
    metric: `peak RSS at ${PEAK_LEVEL}c (MB)`,
    floor: fmt(mb(floorPeak), 1),
    bot: fmt(mb(botPeak), 1),
    ratio: fmtRatio(peakRatio),
    target: '<= floor',
    met: Number.isFinite(peakRatio) ? peakRatio <= 1 : false,
  });
  return rows;
}
