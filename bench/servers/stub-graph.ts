/**
 * The stub Graph API both servers reply to: `POST /vXX/:id/messages` answers `{ recipient_id, message_id }`
 * (after an optional delay), counts replies by the mid found in `message.text` and checks per-sender order.
 * Run as a child process of the bench runner (see ../lib/processes.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monotonicMs, serveChild } from '../lib/ipc.js';

/** What the stub has seen since its last reset. */
export interface StubStats {
  /** Send API calls carrying a text. */
  received: number;
  /** Distinct mids replied to. */
  unique: number;
  /** Calls beyond the first for a mid. */
  duplicates: number;
  /** Replies that arrived with a lower per-sender sequence number than an earlier one to the same sender. */
  orderViolations: number;
  /** Monotonic time (ms) of the first and last reply received, or null before any. */
  firstAtMs: number | null;
  lastAtMs: number | null;
  /** Calls received but not yet answered (the delay case). */
  pending: number;
}

/** Every mid replied to since the last reset, and those replied to more than once. */
export interface StubReplies {
  mids: string[];
  duplicated: string[];
}

const MESSAGES_PATH = /^\/v\d+(?:\.\d+)?\/[^/?]+\/messages(?:\?|$)/;

let delayMs = 0;
let counts = new Map<string, number>();
let lastSeq = new Map<string, number>();
let stats: StubStats = fresh();
let messageIds = 0;

function fresh(): StubStats {
  return {
    received: 0,
    unique: 0,
    duplicates: 0,
    orderViolations: 0,
    firstAtMs: null,
    lastAtMs: null,
    pending: 0,
  };
}

function record(recipient: string, text: string): void {
  const now = monotonicMs();
  stats.received++;
  stats.firstAtMs ??= now;
  stats.lastAtMs = now;
  const seen = counts.get(text) ?? 0;
  counts.set(text, seen + 1);
  if (seen === 0) stats.unique++;
  else stats.duplicates++;
  const seq = Number(text.slice(text.lastIndexOf('.') + 1));
  if (Number.isInteger(seq)) {
    const last = lastSeq.get(recipient);
    if (last !== undefined && seq < last) stats.orderViolations++;
    else lastSeq.set(recipient, seq);
  }
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method !== 'POST' || !MESSAGES_PATH.test(req.url ?? '')) {
      answer(res, 404, { error: { message: 'Unknown path', type: 'GraphMethodException', code: 100 } });
      return;
    }
    let recipient: string;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        recipient?: { id?: string };
        message?: { text?: string };
      };
      recipient = body.recipient?.id ?? '';
      const text = body.message?.text;
      if (typeof text === 'string') record(recipient, text);
    } catch {
      answer(res, 400, { error: { message: 'Invalid JSON', type: 'OAuthException', code: 100 } });
      return;
    }
    const reply = { recipient_id: recipient, message_id: `m_stub_${++messageIds}` };
    if (delayMs <= 0) {
      answer(res, 200, reply);
      return;
    }
    stats.pending++;
    setTimeout(() => {
      stats.pending--;
      answer(res, 200, reply);
    }, delayMs);
  });
}

const server = createServer({ keepAliveTimeout: 60_000 }, handle);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  serveChild(port, {
    reset: () => {
      const pending = stats.pending;
      counts = new Map();
      lastSeq = new Map();
      stats = fresh();
      stats.pending = pending;
      return null;
    },
    delay: (ms) => {
      delayMs = Number(ms);
      return delayMs;
    },
    stats: () => stats,
    replies: (): StubReplies => {
      const duplicated: string[] = [];
      for (const [mid, n] of counts) if (n > 1) duplicated.push(mid);
      return { mids: [...counts.keys()], duplicated };
    },
  });
});
