/**
 * Benchmark: cost of `decodeWebhook(JSON.parse(body))` against `JSON.parse(body)` alone on a mixed corpus of
 * Messenger and Instagram webhook bodies (single events up to a 1000-event batch, including the `{field, value}`
 * form with string timestamps in seconds that the App Dashboard sends). Target: at most 2.0x.
 *
 * Run: `npx tsx bench/decode.ts`
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { decodeWebhook } from '../lib/events/index.js';

const PAGE = '1234567890';
const IG = '17841405726653026';
const T0 = 1_700_000_000_000;

type Json = Record<string, unknown>;

function psid(i: number): string {
  return `2${String(1_000_000_000_000 + (i % 97)).padStart(15, '0')}`;
}

/** The i-th Messenger messaging item of a rotating mix of kinds. */
function messengerItem(i: number): Json {
  const sender = { id: psid(i) };
  const recipient = { id: PAGE };
  const timestamp = T0 + i;
  const mid = `m_${i.toString(36)}AbCdEfGhIjKlMnOpQrStUvWxYz0123456789`;
  switch (i % 8) {
    case 0:
      return {
        sender,
        recipient,
        timestamp,
        message: { mid, text: `hello number ${i}, how are you today?` },
      };
    case 1:
      return {
        sender,
        recipient,
        timestamp,
        message: {
          mid,
          attachments: [
            {
              type: 'image',
              payload: { url: `https://scontent.xx.fbcdn.net/v/t1.15752-9/${i}_n.jpg?stp=dst` },
            },
            {
              type: 'sticker',
              payload: { url: 'https://scontent.xx.fbcdn.net/s.png', sticker_id: 369239263222822 },
            },
          ],
        },
      };
    case 2:
      return {
        sender,
        recipient,
        timestamp,
        postback: { mid, title: 'Get Started', payload: `GET_STARTED_${i}` },
      };
    case 3:
      return {
        sender,
        recipient,
        timestamp,
        reaction: { mid, action: 'react', reaction: 'love', emoji: '\u2764\uFE0F' },
      };
    case 4:
      return { sender, recipient, timestamp, read: { watermark: timestamp - 10 } };
    case 5:
      return { sender, recipient, timestamp, delivery: { mids: [mid], watermark: timestamp - 5 } };
    case 6:
      return {
        sender: recipient,
        recipient: sender,
        timestamp,
        message: { mid, is_echo: true, app_id: 1517776481860111, metadata: 'meta', text: `echo ${i}` },
      };
    default:
      return {
        sender,
        recipient,
        timestamp,
        message: { mid, text: 'yes please', quick_reply: { payload: `QR_${i}` } },
      };
  }
}

/** The i-th Instagram DM item. */
function instagramItem(i: number): Json {
  const sender = { id: `IGSID${1000 + (i % 50)}` };
  const recipient = { id: IG };
  const timestamp = T0 + i;
  const mid = `aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1${i}`;
  switch (i % 4) {
    case 0:
      return { sender, recipient, timestamp, message: { mid, text: `ig hello ${i}` } };
    case 1:
      return {
        sender,
        recipient,
        timestamp,
        message: {
          mid,
          attachments: [{ type: 'story_mention', payload: { url: 'https://lookaside.fbsbx.com/ig' } }],
        },
      };
    case 2:
      return {
        sender,
        recipient,
        timestamp,
        message: { mid, text: 'nice story', reply_to: { story: { url: 'https://cdn/story', id: '1789' } } },
      };
    default:
      return { sender, recipient, timestamp, read: { mid } };
  }
}

/** The i-th Instagram change item. */
function instagramChange(i: number): Json {
  switch (i % 3) {
    case 0:
      return { field: 'mentions', value: { comment_id: `1789422797218${i}`, media_id: '17918195224117851' } };
    case 1:
      return {
        field: 'comments',
        value: {
          id: `1786${i}`,
          from: { id: `IGSID${i}`, username: `user${i}` },
          text: `great post ${i}`,
          media: { id: '17918195224117851', media_product_type: 'FEED' },
        },
      };
    default:
      return {
        field: 'story_insights',
        value: {
          media_id: `1802334598901${i}`,
          exits: 1,
          replies: -1,
          reach: 17,
          taps_forward: 12,
          taps_back: 0,
          impressions: 28,
        },
      };
  }
}

/**
 * The i-th one-event body in `{field, value}` form, as the App Dashboard "Test" button sends it: string
 * timestamps in seconds, a message, postback, seen or reaction as the change's value.
 */
function instagramFieldValueBody(i: number): Json {
  const value: Json = {
    sender: { id: `IGSID${1000 + i}` },
    recipient: { id: IG },
    timestamp: String(1_527_459_824 + i),
  };
  const mid = `aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1${i}`;
  const fields = ['messages', 'messaging_postbacks', 'messaging_seen', 'message_reactions'] as const;
  const field = fields[i % 4] ?? 'messages';
  if (field === 'messages') value.message = { mid, text: `random_text ${i}` };
  else if (field === 'messaging_postbacks')
    value.postback = { mid, title: 'Get Started', payload: `GET_STARTED_${i}` };
  else if (field === 'messaging_seen') value.read = { mid };
  else value.reaction = { mid, action: 'react', reaction: 'love', emoji: '\u2764\uFE0F' };
  return {
    object: 'instagram',
    entry: [{ id: IG, time: String(1_527_459_824 + i), changes: [{ field, value }] }],
  };
}

function messengerBody(n: number, offset: number): Json {
  const items: Json[] = [];
  for (let i = 0; i < n; i++) items.push(messengerItem(offset + i));
  return { object: 'page', entry: [{ id: PAGE, time: T0, messaging: items }] };
}

function instagramDmBody(n: number, offset: number): Json {
  const items: Json[] = [];
  for (let i = 0; i < n; i++) items.push(instagramItem(offset + i));
  return { object: 'instagram', entry: [{ id: IG, time: T0, messaging: items }] };
}

function instagramChangesBody(n: number, offset: number): Json {
  const entries: Json[] = [];
  for (let i = 0; i < n; i++)
    entries.push({ id: IG, time: 1_520_622_968, changes: [instagramChange(offset + i)] });
  return { object: 'instagram', entry: entries };
}

/** A 1000-event Messenger batch: 10 entries of 100 mixed items. */
function messengerBatch1000(): Json {
  const entries: unknown[] = [];
  for (let e = 0; e < 10; e++) entries.push(...(messengerBody(100, e * 100).entry as unknown[]));
  return { object: 'page', entry: entries };
}

/** A 1000-event Instagram batch: 600 DMs in 6 entries, then 400 change entries. */
function instagramBatch1000(): Json {
  const entries: unknown[] = [];
  for (let e = 0; e < 6; e++) entries.push(...(instagramDmBody(100, e * 100).entry as unknown[]));
  entries.push(...(instagramChangesBody(400, 0).entry as unknown[]));
  return { object: 'instagram', entry: entries };
}

interface CorpusBody {
  name: string;
  body: string;
  events: number;
}

function add(corpus: CorpusBody[], name: string, body: Json, events: number): void {
  corpus.push({ name, body: JSON.stringify(body), events });
}

/** The corpus: JSON strings as Meta would POST them, with the number of events each must decode to. */
export function buildCorpus(): CorpusBody[] {
  const corpus: CorpusBody[] = [];
  for (let i = 0; i < 16; i++) add(corpus, `messenger-1-${i}`, messengerBody(1, i), 1);
  for (let i = 0; i < 8; i++) add(corpus, `instagram-dm-1-${i}`, instagramDmBody(1, i), 1);
  for (let i = 0; i < 6; i++) add(corpus, `instagram-change-1-${i}`, instagramChangesBody(1, i), 1);
  for (let i = 0; i < 4; i++) add(corpus, `instagram-field-value-1-${i}`, instagramFieldValueBody(i), 1);
  add(corpus, 'messenger-10', messengerBody(10, 0), 10);
  add(corpus, 'messenger-100', messengerBody(100, 0), 100);
  add(corpus, 'instagram-dm-50', instagramDmBody(50, 0), 50);
  add(corpus, 'instagram-changes-30', instagramChangesBody(30, 0), 30);
  add(corpus, 'messenger-1000', messengerBatch1000(), 1000);
  add(corpus, 'instagram-1000', instagramBatch1000(), 1000);
  return corpus;
}

let sink = 0;

function timeParse(bodies: readonly string[], reps: number): number {
  const start = performance.now();
  for (let r = 0; r < reps; r++) {
    for (const body of bodies) {
      const parsed = JSON.parse(body) as { entry?: unknown[] };
      sink += parsed.entry?.length ?? 0;
    }
  }
  return performance.now() - start;
}

function timeParseDecode(bodies: readonly string[], reps: number): number {
  const start = performance.now();
  for (let r = 0; r < reps; r++) {
    for (const body of bodies) sink += decodeWebhook(JSON.parse(body)).events.length;
  }
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Measures JSON.parse alone against JSON.parse + decodeWebhook on the mixed corpus, interleaved round by round,
 * and reports the median ratio against the 2.0x target (details: per-round medians in ms, corpus size).
 */
export async function runDecodeBench(): Promise<{
  name: string;
  ratio: number;
  target: number;
  met: boolean;
  details: Record<string, number>;
}> {
  const target = 2.0;
  const corpus = buildCorpus();
  const bodies = corpus.map((c) => c.body);
  for (const c of corpus) {
    const result = decodeWebhook(JSON.parse(c.body));
    if (result.errors.length > 0 || result.events.length !== c.events) {
      throw new Error(
        `corpus body ${c.name} did not decode cleanly: ${result.errors[0]?.message ?? result.events.length}`,
      );
    }
  }
  const big = bodies.filter((_, i) => corpus[i]?.name.endsWith('-1000') === true);
  // Bodies of one event, as most webhooks are: fixed per-body costs show here, hidden in the big batches.
  const single = bodies.filter((_, i) => corpus[i]?.events === 1);
  const reps = 20;
  // Warm both paths up so the JIT has optimised them before measuring.
  for (let i = 0; i < 5; i++) {
    timeParse(bodies, reps);
    timeParseDecode(bodies, reps);
  }
  const parse: number[] = [];
  const decode: number[] = [];
  const ratios: number[] = [];
  const bigRatios: number[] = [];
  const singleRatios: number[] = [];
  const rounds = 31;
  for (let round = 0; round < rounds; round++) {
    // Alternate which side goes first so drift and GC pauses hit both.
    let p: number;
    let d: number;
    if (round % 2 === 0) {
      p = timeParse(bodies, reps);
      d = timeParseDecode(bodies, reps);
    } else {
      d = timeParseDecode(bodies, reps);
      p = timeParse(bodies, reps);
    }
    parse.push(p);
    decode.push(d);
    ratios.push(d / p);
    const bp = timeParse(big, reps);
    const bd = timeParseDecode(big, reps);
    bigRatios.push(bd / bp);
    if (single.length > 0)
      singleRatios.push(timeParseDecode(single, reps * 20) / timeParse(single, reps * 20));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const ratio = median(ratios);
  const bytes = bodies.reduce((n, b) => n + b.length, 0);
  const events = corpus.reduce((n, c) => n + c.events, 0);
  return {
    name: 'decodeWebhook(JSON.parse(body)) vs JSON.parse(body)',
    ratio,
    target,
    met: ratio <= target,
    details: {
      bodies: corpus.length,
      events,
      bytes,
      rounds,
      repsPerRound: reps,
      parseMsMedian: median(parse),
      parseDecodeMsMedian: median(decode),
      ratioMin: Math.min(...ratios),
      ratioMax: Math.max(...ratios),
      ratio1000BatchesMedian: median(bigRatios),
      singleEventBodies: single.length,
      ratioSingleEventMedian: median(singleRatios),
      sink: sink % 2,
    },
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runDecodeBench();
  const d = result.details;
  console.log(result.name);
  console.log(
    `  corpus: ${d.bodies} bodies, ${d.events} events, ${d.bytes} bytes; ${d.rounds} rounds x ${d.repsPerRound}`,
  );
  console.log(`  JSON.parse alone:          ${d.parseMsMedian?.toFixed(2)} ms / round (median)`);
  console.log(`  JSON.parse + decodeWebhook: ${d.parseDecodeMsMedian?.toFixed(2)} ms / round (median)`);
  console.log(
    `  ratio: ${result.ratio.toFixed(2)}x (min ${d.ratioMin?.toFixed(2)}, max ${d.ratioMax?.toFixed(2)}); 1000-event batches alone: ${d.ratio1000BatchesMedian?.toFixed(2)}x; ${d.singleEventBodies} one-event bodies alone: ${d.ratioSingleEventMedian?.toFixed(2)}x`,
  );
  console.log(`  target <= ${result.target}x: ${result.met ? 'met' : 'NOT met'}`);
}
