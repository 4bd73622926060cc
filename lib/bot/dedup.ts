/**
 * A store that remembers which event keys were already handled, for at-least-once webhooks.
 * `seen` marks the key and answers whether it had been marked before within `ttlMs`.
 */
export interface DedupStore {
  seen(key: string, ttlMs: number): boolean | Promise<boolean>;
}

/** Options of the in-memory dedup store. */
export interface MemoryDedupStoreOptions {
  /** The most keys kept; the oldest are forgotten first (default 100,000). */
  maxSize?: number;
  /** The clock, in epoch milliseconds (default `Date.now`; tests pass a fake one). */
  now?: () => number;
}

/**
 * The default {@link DedupStore}: a Map in insertion order with a TTL and a size bound, so memory stays
 * bounded and every operation is O(1) amortised. One process only; share a Redis-like store across processes.
 */
export class MemoryDedupStore implements DedupStore {
  private readonly keys = new Map<string, number>();
  private readonly maxSize: number;
  private readonly now: () => number;

  constructor(options: MemoryDedupStoreOptions = {}) {
    this.maxSize = Math.max(1, options.maxSize ?? 100_000);
    this.now = options.now ?? Date.now;
  }

  /** The number of keys currently remembered. */
  get size(): number {
    return this.keys.size;
  }

  /** Marks `key` for `ttlMs` and answers true when it was already marked and not yet expired. */
  seen(key: string, ttlMs: number): boolean {
    const now = this.now();
    this.sweep(now);
    const expiresAt = this.keys.get(key);
    if (expiresAt !== undefined && expiresAt > now) return true;
    // Re-insert so the Map order stays the expiry order (for a constant ttl).
    this.keys.delete(key);
    this.keys.set(key, now + ttlMs);
    while (this.keys.size > this.maxSize) {
      const oldest = this.keys.keys().next();
      if (oldest.done === true) break;
      this.keys.delete(oldest.value);
    }
    return false;
  }

  /** Forgets expired keys at the front of the Map (the oldest inserted). */
  private sweep(now: number): void {
    for (const [key, expiresAt] of this.keys) {
      if (expiresAt > now) return;
      this.keys.delete(key);
    }
  }
}
