import { setTimeout as sleep } from 'node:timers/promises';
/** Shared pieces of the Redis inbox specs: real decoded events, a handler that logs to Redis, and the checks. */
import assert from 'node:assert/strict';
import type { Redis } from 'ioredis';
import type { EventHandler } from '../../lib/delivery/inbox.js';
import { decodeWebhook, type WebhookEvent } from '../../lib/events/index.js';
import { partitionOf } from '../../lib/redis/index.js';

export const PAGE = 'PAGE1';

/** The conversation key of a user of PAGE. */
export function conversationOf(user: string): string {
  return `messenger:${PAGE}:${user}`;
}

/** The n-th text message of a user (text `n`), decoded from a real webhook body. */
export function messageEvent(user: string, n: number, text = String(n)): WebhookEvent {
  const body = {
    object: 'page',
    entry: [
      {
        id: PAGE,
        time: 1_700_000_000_000,
        messaging: [
          {
            sender: { id: user },
            recipient: { id: PAGE },
            timestamp: 1_700_000_000_000 + n,
            message: { mid: `m.${user}.${n}.${text}`, text },
          },
        ],
      },
    ],
  };
  const { events } = decodeWebhook(body);
  assert.equal(events.length, 1);
  return events[0]!;
}

/** The text of a message event. */
export function textOf(event: WebhookEvent): string {
  assert.equal(event.type, 'message');
  return event.type === 'message' ? (event.message.text ?? '') : '';
}

/** Users whose conversations cover every partition `perPartition` times (deterministic). */
export function usersCovering(partitions: number, perPartition: number): string[] {
  const count = new Array<number>(partitions).fill(0);
  const users: string[] = [];
  for (let i = 0; count.some((c) => c < perPartition); i++) {
    const user = `u${i}`;
    const p = partitionOf(conversationOf(user), partitions);
    if (count[p]! < perPartition) {
      count[p]! += 1;
      users.push(user);
    }
  }
  return users;
}

/** One handler run as logged: worker, conversation, event number, start or end. */
export interface LogRecord {
  w: string;
  c: string;
  n: number;
  p: 's' | 'e';
}

export const LOG = 'spec:log';

/** A promise that resolves after `ms` (jitter inside handlers; never an assertion on time). */
export { sleep };

/** A handler that logs its start and end (the number the text starts with) to the LOG list, with a little jitter. */
export function loggingHandler(
  redis: Redis,
  worker: string,
  hang?: (event: WebhookEvent) => boolean,
): EventHandler {
  return async (event) => {
    const n = Number.parseInt(textOf(event), 10);
    await redis.rpush(LOG, JSON.stringify({ w: worker, c: event.conversation, n, p: 's' }));
    if (hang?.(event) === true) await new Promise<never>(() => undefined);
    await sleep(Math.random() * 3);
    await redis.rpush(LOG, JSON.stringify({ w: worker, c: event.conversation, n, p: 'e' }));
  };
}

/** The log so far. */
export async function readLog(redis: Redis): Promise<LogRecord[]> {
  return (await redis.lrange(LOG, 0, -1)).map((line) => JSON.parse(line) as LogRecord);
}

/** Polls until `check` holds; the mocha timeout bounds the wait. */
export async function waitFor(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await sleep(20);
}

/** Waits until the log holds `total` end records. */
export async function waitForEnds(redis: Redis, total: number): Promise<LogRecord[]> {
  let log: LogRecord[] = [];
  await waitFor(async () => {
    log = await readLog(redis);
    return log.filter((r) => r.p === 'e').length >= total;
  });
  return log;
}

/**
 * Checks a log against the events accepted (`expected`: conversation -> count, numbered 1..count): every event
 * finished exactly once, in order per conversation, and no two runs of one conversation overlapped. Starts by
 * `dead` workers that never ended (handlers in flight on a killed worker) are left out of the overlap check.
 */
export function assertDelivered(
  log: readonly LogRecord[],
  expected: ReadonlyMap<string, number>,
  dead?: string,
): void {
  const ends = new Map<string, number[]>();
  for (const r of log) if (r.p === 'e') ends.set(r.c, [...(ends.get(r.c) ?? []), r.n]);
  for (const [c, count] of expected) {
    assert.deepEqual(
      ends.get(c) ?? [],
      Array.from({ length: count }, (_, i) => i + 1),
      `conversation ${c}: exactly once, in order`,
    );
  }
  assert.equal(ends.size, expected.size, 'no other conversation ran');
  const finished = new Set(log.filter((r) => r.p === 'e').map((r) => `${r.w}|${r.c}|${r.n}`));
  const running = new Map<string, LogRecord>();
  for (const r of log) {
    if (r.w === dead && r.p === 's' && !finished.has(`${r.w}|${r.c}|${r.n}`)) continue;
    const now = running.get(r.c);
    if (r.p === 's') {
      assert.equal(
        now,
        undefined,
        `conversation ${r.c}: event ${r.n} started while ${now?.n} ran on ${now?.w}`,
      );
      running.set(r.c, r);
    } else {
      assert.ok(
        now !== undefined && now.n === r.n && now.w === r.w,
        `conversation ${r.c}: end of ${r.n} matches`,
      );
      running.delete(r.c);
    }
  }
}
