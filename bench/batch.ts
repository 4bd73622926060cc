/**
 * The 1000-event batch (Meta's maximum) in one POST: 100 senders with 10 messages each, interleaved; time to
 * the 200 (target under 30 ms), time until all 1000 replies reached the stub (within 1.2x the floor's), and
 * per-sender order of the replies.
 */
import { presentServers, type BenchContext, type Kind } from './lib/context.js';
import { senderId } from './lib/load.js';
import { makeMid, webhookBody, type BenchMessage } from './lib/payload.js';
import { keepAliveAgent, postWebhook } from './lib/post.js';
import { median, ratio } from './lib/stats.js';
import { settle } from './lib/stub.js';
import { fmt, fmtRatio, type SectionResult } from './lib/table.js';

const EVENTS = 1000;
const SENDERS = 100;
const WARMUP = 2;
const ROUNDS = 5;
const TARGET_ACK_MS = 30;
const TARGET_RATIO = 1.2;

/** One batch delivered to one server. */
interface BatchRun {
  status: number;
  ackMs: number;
  allRepliesMs: number;
  replies: number;
  duplicates: number;
  orderViolations: number;
}

/** The figures of one server over the measured rounds. */
interface BatchFigures {
  ackMs: number;
  allRepliesMs: number;
  missing: number;
  duplicates: number;
  orderViolations: number;
  runs: BatchRun[];
}

function batchBody(tag: string): string {
  const messages: BenchMessage[] = [];
  for (let k = 0; k < EVENTS; k++) {
    const sender = senderId(k % SENDERS);
    messages.push({ sender, mid: makeMid(tag, sender, Math.floor(k / SENDERS)) });
  }
  return webhookBody(messages);
}

async function deliver(ctx: BenchContext, kind: Kind, tag: string): Promise<BatchRun> {
  const server = ctx.servers[kind];
  if (server === null) throw new Error(`${kind} is not running`);
  const body = batchBody(tag);
  const agent = keepAliveAgent(1);
  try {
    await ctx.stub.call('reset');
    let sentAt = 0;
    const answer = await postWebhook(server.url, body, agent, (at) => (sentAt = at));
    const stats = await settle(ctx.stub, { expected: EVENTS, quietMs: 100, timeoutMs: 30_000 });
    return {
      status: answer.status,
      ackMs: answer.answeredAtMs - sentAt,
      allRepliesMs: (stats.lastAtMs ?? Number.NaN) - sentAt,
      replies: stats.unique,
      duplicates: stats.duplicates,
      orderViolations: stats.orderViolations,
    };
  } finally {
    agent.destroy();
  }
}

/** Runs the batch section: warm-up rounds, then rounds alternating floor and bot; medians are reported. */
export async function runBatch(ctx: BenchContext): Promise<SectionResult> {
  const present = presentServers(ctx);
  const runs: Record<Kind, BatchRun[]> = { floor: [], bot: [] };
  ctx.log(`batch: ${EVENTS} events from ${SENDERS} senders in one POST`);
  for (let round = -WARMUP; round < ROUNDS; round++) {
    for (const { kind } of round % 2 === 0 ? present : [...present].reverse()) {
      const run = await deliver(ctx, kind, `b${round + WARMUP}-${kind}`);
      if (round >= 0) runs[kind].push(run);
    }
  }
  const figures: Partial<Record<Kind, BatchFigures>> = {};
  for (const { kind } of present) {
    const list = runs[kind];
    figures[kind] = {
      ackMs: median(list.map((r) => r.ackMs)),
      allRepliesMs: median(list.map((r) => r.allRepliesMs)),
      missing: list.reduce((a, r) => a + (EVENTS - r.replies), 0),
      duplicates: list.reduce((a, r) => a + r.duplicates, 0),
      orderViolations: list.reduce((a, r) => a + r.orderViolations, 0),
      runs: list,
    };
    const f = figures[kind];
    ctx.log(
      `  ${kind}: 200 after ${fmt(f.ackMs, 2)} ms, all replies after ${fmt(f.allRepliesMs, 1)} ms ` +
        `(medians of ${list.length}), missing ${f.missing}, dup ${f.duplicates}, order violations ${f.orderViolations}`,
    );
  }
  const { floor, bot } = figures;
  const allRatio = ratio(bot?.allRepliesMs ?? Number.NaN, floor?.allRepliesMs ?? Number.NaN);
  const summary = (f: BatchFigures | undefined): string =>
    f === undefined ? 'n/a' : `${f.orderViolations} out of order, ${f.missing} missing, ${f.duplicates} dup`;
  return {
    rows: [
      {
        metric: `batch ${EVENTS}: time to 200 (ms)`,
        floor: fmt(floor?.ackMs, 2),
        bot: fmt(bot?.ackMs, 2),
        ratio: fmtRatio(ratio(bot?.ackMs ?? Number.NaN, floor?.ackMs ?? Number.NaN)),
        target: `< ${TARGET_ACK_MS} ms`,
        met: bot === undefined ? false : bot.ackMs < TARGET_ACK_MS,
      },
      {
        metric: `batch ${EVENTS}: all replies at stub (ms)`,
        floor: fmt(floor?.allRepliesMs, 1),
        bot: fmt(bot?.allRepliesMs, 1),
        ratio: fmtRatio(allRatio),
        target: `<= ${TARGET_RATIO}x floor`,
        met: Number.isFinite(allRatio) ? allRatio <= TARGET_RATIO : false,
      },
      {
        metric: `batch ${EVENTS}: per-sender order (${ROUNDS} rounds)`,
        floor: summary(floor),
        bot: summary(bot),
        ratio: '',
        target: 'bot: in order, exactly once',
        met:
          bot === undefined ? false : bot.orderViolations === 0 && bot.missing === 0 && bot.duplicates === 0,
      },
    ],
    data: { events: EVENTS, senders: SENDERS, rounds: ROUNDS, figures },
  };
}
