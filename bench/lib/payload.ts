import { PAGE_ID } from './config.js';

/** One text message a benchmark sends: who sends it and its mid (which is also its text). */
export interface BenchMessage {
  sender: string;
  mid: string;
}

/**
 * Builds a mid the stub can read back: a run tag, the sender and a sequence number per sender,
 * so the stub can match replies and check per-sender order.
 */
export function makeMid(tag: string, sender: string, seq: number): string {
  return `${tag}.${sender}.${seq}`;
}

/** Builds one Messenger webhook body (`object: page`, one entry) carrying the given text messages. */
export function webhookBody(messages: readonly BenchMessage[], now = Date.now()): string {
  const messaging = messages.map((m) => ({
    sender: { id: m.sender },
    recipient: { id: PAGE_ID },
    timestamp: now,
    message: { mid: m.mid, text: m.mid },
  }));
  return JSON.stringify({ object: 'page', entry: [{ id: PAGE_ID, time: now, messaging }] });
}
