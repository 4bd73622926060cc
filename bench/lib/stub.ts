import type { ChildServer } from './processes.js';
import { sleep } from './stats.js';
import type { StubReplies, StubStats } from '../servers/stub-graph.js';

/** Whether every acked request produced exactly one reply. */
export interface ExactlyOnce {
  acked: number;
  /** Distinct acked mids the stub received a reply for. */
  replied: number;
  /** Acked mids with no reply. */
  missing: number;
  /** Extra replies for mids already replied to. */
  duplicates: number;
  /** Replies to requests the load generator did not see acked (in flight when the run stopped). */
  unacked: number;
  ok: boolean;
}

/**
 * Polls the stub until replies settle: nothing pending, `expected` replies reached (if given) and the
 * count unchanged for `quietMs`; gives up after `timeoutMs` and returns the last stats.
 */
export async function settle(
  stub: ChildServer,
  options: { expected?: number; quietMs?: number; timeoutMs?: number } = {},
): Promise<StubStats> {
  const quietMs = options.quietMs ?? 500;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let last = await stub.call<StubStats>('stats');
  let stableSince = Date.now();
  for (;;) {
    await sleep(50);
    const now = await stub.call<StubStats>('stats');
    if (now.received !== last.received || now.pending !== 0) stableSince = Date.now();
    last = now;
    const reached = options.expected === undefined || now.unique >= options.expected;
    if (reached && now.pending === 0 && Date.now() - stableSince >= quietMs) return now;
    if (Date.now() > deadline) return now;
  }
}

/** Compares the acked mids with the replies the stub recorded. */
export async function checkExactlyOnce(
  stub: ChildServer,
  ackedMids: ReadonlySet<string>,
): Promise<ExactlyOnce> {
  const replies = await stub.call<StubReplies>('replies');
  const repliedSet = new Set(replies.mids);
  let replied = 0;
  for (const mid of ackedMids) if (repliedSet.has(mid)) replied++;
  const stats = await stub.call<StubStats>('stats');
  const missing = ackedMids.size - replied;
  const unacked = repliedSet.size - replied;
  return {
    acked: ackedMids.size,
    replied,
    missing,
    duplicates: stats.duplicates,
    unacked,
    ok: missing === 0 && stats.duplicates === 0,
  };
}
