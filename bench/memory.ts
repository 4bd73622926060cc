/**
 * Memory after many conversations: a fresh server of each kind receives 100,000 distinct senders (500 events
 * per POST), replies to all of them, then idles (past the per-conversation idle window); its idle RSS after
 * forced GCs must come back within 20 MB of where it started, read the same way (no per-sender leak).
 */
import { IDLE_AFTER_MS } from './lib/config.js';
import { presentServers, type BenchContext, type Kind } from './lib/context.js';
import type { MemoryReading } from './lib/ipc.js';
import { senderId } from './lib/load.js';
import { makeMid, webhookBody, type BenchMessage } from './lib/payload.js';
import type { ChildServer } from './lib/processes.js';
import { keepAliveAgent, postWebhook } from './lib/post.js';
import { mb, sleep } from './lib/stats.js';
import { settle } from './lib/stub.js';
import { fmt, type SectionResult } from './lib/table.js';
import type { StubStats } from './servers/stub-graph.js';

const SENDERS = 100_000;
const PER_POST = 500;
const IN_FLIGHT = 4;
/** Events sent but not yet replied to before the sender waits: the test is about per-sender state, not backlog. */
const MAX_OUTSTANDING = 5_000;
/** Senders of the warm-up pass (JIT, pools), sent the same way as the measured ones, before the start reading. */
const WARMUP_SENDERS = 5_000;
const IDLE_MS = IDLE_AFTER_MS;
const READ_STEP_MS = 2_000;
const READINGS = 4;
const TARGET_GROWTH_MB = 20;

/** The memory readings of one server. */
interface MemoryFigures {
  start: MemoryReading;
  peakRss: number;
  end: MemoryReading;
  growthMb: number;
  replies: number;
  non2xx: number;
  seconds: number;
  /** The server's own counters after the idle (the bot: conversations, queued, ...). */
  afterIdle: Record<string, number>;
  /** V8 heap spaces (size and used bytes) at the start and end readings. */
  spaces: { start: HeapSpaces; end: HeapSpaces };
}

/** V8's heap spaces by name: committed size and used bytes. */
type HeapSpaces = Record<string, { size: number; used: number }>;

/**
 * Sends one message from each of `count` senders starting at `first`, PER_POST per POST, IN_FLIGHT POSTs at a
 * time, pausing while more than MAX_OUTSTANDING events wait for their reply at the stub (reset beforehand).
 */
async function sendSenders(
  stub: ChildServer,
  server: ChildServer,
  tag: string,
  first: number,
  count: number,
): Promise<number> {
  const agent = keepAliveAgent(IN_FLIGHT);
  let next = 0;
  let non2xx = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      while (next - (await stub.call<StubStats>('stats')).unique > MAX_OUTSTANDING) await sleep(10);
      if (next >= count) break;
      const start = next;
      next = Math.min(count, next + PER_POST);
      const messages: BenchMessage[] = [];
      for (let i = start; i < next; i++) {
        const sender = senderId(first + i);
        messages.push({ sender, mid: makeMid(tag, sender, 0) });
      }
      const { status } = await postWebhook(server.url, webhookBody(messages), agent);
      if (status < 200 || status >= 300) non2xx++;
    }
  };
  try {
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  } finally {
    agent.destroy();
  }
  return non2xx;
}

/**
 * The RSS of an idle server: waits IDLE_MS, then forces a GC and reads every READ_STEP_MS, READINGS times, and
 * keeps the lowest reading. V8 gives memory back in steps while idle, so one reading catches it at a random
 * point; retained memory (a leak) shows in every reading, the lowest included. Start and end are read alike.
 */
async function idleReading(server: ChildServer): Promise<MemoryReading> {
  await sleep(IDLE_MS);
  let lowest = await server.gc();
  for (let i = 1; i < READINGS; i++) {
    await sleep(READ_STEP_MS);
    const now = await server.gc();
    if (now.rss < lowest.rss) lowest = now;
  }
  return lowest;
}

async function measure(ctx: BenchContext, kind: Kind): Promise<MemoryFigures> {
  const server = await ctx.startFresh(kind);
  try {
    await ctx.stub.call('reset');
    await sendSenders(ctx.stub, server, `mw-${kind}`, 1_000_000, WARMUP_SENDERS);
    await settle(ctx.stub, { expected: WARMUP_SENDERS, timeoutMs: 60_000 });
    const start = await idleReading(server);
    const spacesAtStart = await server.call<HeapSpaces>('heap-spaces');
    await server.resetPeak();
    await ctx.stub.call('reset');
    const began = Date.now();
    const non2xx = await sendSenders(ctx.stub, server, `m-${kind}`, 0, SENDERS);
    const stats = await settle(ctx.stub, { expected: SENDERS, quietMs: 200, timeoutMs: 180_000 });
    const seconds = (Date.now() - began) / 1000;
    const { peakRss } = await server.memory();
    const end = await idleReading(server);
    const spacesAtEnd = await server.call<HeapSpaces>('heap-spaces');
    const afterIdle = await server.call<Record<string, number>>('stats');
    const figures: MemoryFigures = {
      start,
      peakRss,
      end,
      growthMb: mb(end.rss - start.rss),
      replies: stats.unique,
      non2xx,
      seconds,
      afterIdle,
      spaces: { start: spacesAtStart, end: spacesAtEnd },
    };
    ctx.log(
      `  ${kind}: RSS ${fmt(mb(start.rss))} -> peak ${fmt(mb(peakRss))} -> ${fmt(mb(end.rss))} MB ` +
        `(heap used ${fmt(mb(start.heapUsed))} -> ${fmt(mb(end.heapUsed))}, heap total ` +
        `${fmt(mb(start.heapTotal))} -> ${fmt(mb(end.heapTotal))}, external ${fmt(mb(start.external))} -> ` +
        `${fmt(mb(end.external))} MB), ${stats.unique} replies in ` +
        `${fmt(seconds)} s, non2xx ${non2xx}; after idle ${JSON.stringify(afterIdle)}`,
    );
    return figures;
  } finally {
    await server.stop();
  }
}

/** Runs the memory section: a fresh floor and a fresh bot each take 100,000 distinct senders. */
export async function runMemory(ctx: BenchContext): Promise<SectionResult> {
  const figures: Partial<Record<Kind, MemoryFigures>> = {};
  for (const { kind } of presentServers(ctx)) {
    ctx.log(`memory: ${SENDERS} distinct senders through a fresh ${kind}`);
    figures[kind] = await measure(ctx, kind);
  }
  const { floor, bot } = figures;
  const pair = (f: MemoryFigures | undefined): string =>
    f === undefined ? 'n/a' : `${fmt(mb(f.start.rss))} -> ${fmt(mb(f.end.rss))}`;
  return {
    rows: [
      {
        metric: `${SENDERS / 1000}k senders: RSS start -> after idle (MB)`,
        floor: pair(floor),
        bot: pair(bot),
        ratio: '',
        target: '',
        met: null,
      },
      {
        metric: `${SENDERS / 1000}k senders: RSS growth after idle (MB)`,
        floor: fmt(floor?.growthMb),
        bot: fmt(bot?.growthMb),
        ratio: '',
        target: `<= ${TARGET_GROWTH_MB} MB`,
        met:
          bot === undefined
            ? false
            : bot.growthMb <= TARGET_GROWTH_MB && bot.replies === SENDERS && bot.non2xx === 0,
      },
      {
        metric: `${SENDERS / 1000}k senders: V8 heap used growth (MB)`,
        floor: fmt(floor === undefined ? undefined : mb(floor.end.heapUsed - floor.start.heapUsed)),
        bot: fmt(bot === undefined ? undefined : mb(bot.end.heapUsed - bot.start.heapUsed)),
        ratio: '',
        target: '',
        met: null,
      },
      {
        metric: `${SENDERS / 1000}k senders: replies, peak RSS (MB)`,
        floor: floor === undefined ? 'n/a' : `${floor.replies}, ${fmt(mb(floor.peakRss))}`,
        bot: bot === undefined ? 'n/a' : `${bot.replies}, ${fmt(mb(bot.peakRss))}`,
        ratio: '',
        target: '',
        met: null,
      },
    ],
    data: { senders: SENDERS, perPost: PER_POST, idleMs: IDLE_MS, figures },
  };
}
