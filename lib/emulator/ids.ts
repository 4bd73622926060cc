import { randomBytes } from 'node:crypto';

/** Makes ids that look like Meta's: `m_…` message ids and long numeric object ids, unique per process. */
export interface IdFactory {
  /** A new message id (`m_` + url-safe characters). */
  mid(): string;
  /** A new numeric id starting with `prefix` (17 digits, like Instagram comment and media ids). */
  numeric(prefix?: string): string;
  /** A new Graph trace id for error objects. */
  traceId(): string;
}

let processCounter = 0;

/** Creates an `IdFactory`; ids from different factories never collide within one process. */
export function createIdFactory(): IdFactory {
  const salt = randomBytes(6).toString('base64url');
  return {
    mid: () => `m_${salt}${(++processCounter).toString(36).padStart(6, '0')}`,
    numeric: (prefix = '179') => `${prefix}${String(++processCounter).padStart(17 - prefix.length, '0')}`,
    traceId: () => randomBytes(8).toString('base64url').replace(/[-_]/g, 'A'),
  };
}

/** A millisecond clock whose readings strictly increase, so webhook timestamps keep the order of actions. */
export function monotonicClock(now: () => number): () => number {
  let last = 0;
  return () => {
    last = Math.max(now(), last + 1);
    return last;
  };
}

/** Formats epoch ms as Graph formats timestamps: `2018-03-20T00:05:29+0000`. */
export function graphTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}
