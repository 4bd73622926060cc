/** `MemorySessionStorage`: the default session storage, in this process's memory, bounded and with a TTL option. */
import type { SessionStorage } from './storage.js';

/** Options of {@link MemorySessionStorage}. */
export interface MemorySessionStorageOptions {
  /**
   * The most sessions kept; writing one more forgets the one written longest ago. Default 10,000: a bound on
   * memory, not a quota (use a shared storage such as `RedisSessionStorage` to keep every user's session).
   */
  maxEntries?: number;
  /** A session not written for this long reads as absent (and is dropped); default: never expires. */
  ttlMs?: number;
  /** The clock, in epoch milliseconds; default `Date.now` (tests pass their own). */
  now?: () => number;
}

interface Entry {
  /** The value as JSON: what comes back is a copy, and what JSON drops does not come back (as with Redis). */
  readonly json: string;
  /** When it expires (epoch ms), or Infinity. */
  readonly expires: number;
}

/**
 * Sessions in a Map of JSON strings, in this process only (gone on restart, not shared between processes).
 * Reads and writes answer synchronously, which lets `session()` read lazily. Bounded: at most `maxEntries`
 * sessions, the oldest written evicted first; with `ttlMs`, a session expires that long after its last write.
 *
 * @example
 * bot.use(session({ initial: () => ({ count: 0 }), storage: new MemorySessionStorage({ maxEntries: 50_000 }) }));
 */
export class MemorySessionStorage<S> implements SessionStorage<S> {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly ttlMs: number | undefined;
  private readonly now: () => number;

  constructor(options: MemorySessionStorageOptions = {}) {
    const maxEntries = options.maxEntries ?? 10_000;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
    }
    if (options.ttlMs !== undefined && !(options.ttlMs > 0)) {
      throw new RangeError(`ttlMs must be positive, got ${options.ttlMs}`);
    }
    this.maxEntries = maxEntries;
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
  }

  /** How many sessions are held (expired ones count until read or evicted). */
  get size(): number {
    return this.entries.size;
  }

  /** A copy of the session under `key`, or undefined when there is none or it expired. */
  read(key: string): S | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return JSON.parse(entry.json) as S;
  }

  /** Stores a copy of `value` under `key`, as the newest entry; evicts the oldest past `maxEntries`. */
  write(key: string, value: S): void {
    const json = JSON.stringify(value);
    const expires = this.ttlMs === undefined ? Infinity : this.now() + this.ttlMs;
    this.entries.delete(key);
    this.entries.set(key, { json, expires });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  /** Forgets the session under `key`. */
  delete(key: string): void {
    this.entries.delete(key);
  }
}
