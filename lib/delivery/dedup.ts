import { Fingerprint64 } from './fingerprint.js';

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

/** The first ring capacity; it doubles up to `maxSize` as keys arrive, so a large bound costs nothing up front. */
const INITIAL_CAPACITY = 1024;

/**
 * The default {@link DedupStore}: keys in insertion order with a TTL and a size bound, so memory stays bounded
 * and every operation is O(1) amortised. One process only; share a Redis-like store across processes.
 *
 * It keeps a 64-bit fingerprint of each key rather than the key: 24 bytes of typed arrays per slot (two 32-bit
 * lanes and a 64-bit expiry in the ring, two 32-bit index slots at most half full), so two different keys are mistaken for each other with probability about n²/2⁶⁵ for n remembered
 * keys (about 1 in 3.7 billion at 100,000 keys); that is fine because the keys are not adversarial (mids are
 * made by Meta).
 */
export class MemoryDedupStore implements DedupStore {
  private readonly maxSize: number;
  /** The ring never grows past this; above `maxSize` only to leave room for slots of re-marked keys. */
  private readonly maxCapacity: number;
  private readonly now: () => number;
  private readonly fingerprint = new Fingerprint64();

  // A ring of slots in insertion order: the fingerprint of a key (two lanes) and its expiry in epoch ms.
  private hi: Uint32Array;
  private lo: Uint32Array;
  private expiresAt: Float64Array;
  /** The oldest slot. */
  private head = 0;
  /** Slots in use from `head`, including dead ones (a key re-marked after it expired moves to the newest end). */
  private used = 0;
  /** Keys remembered: the slots the index points to. */
  private live = 0;

  // An open-addressing table (linear probing, load <= 1/2, -1 = empty) from fingerprint to live ring slot.
  private index: Int32Array;
  private mask: number;

  constructor(options: MemoryDedupStoreOptions = {}) {
    const maxSize = Math.floor(Math.max(1, options.maxSize ?? 100_000));
    // A Map-like bound: a maxSize that is not a number never evicts.
    this.maxSize = Number.isNaN(maxSize) ? Infinity : maxSize;
    this.maxCapacity = this.maxSize + Math.ceil(this.maxSize / 4);
    this.now = options.now ?? Date.now;
    const capacity = Math.min(INITIAL_CAPACITY, this.maxSize);
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.expiresAt = new Float64Array(capacity);
    this.index = new Int32Array(indexSizeFor(capacity)).fill(-1);
    this.mask = this.index.length - 1;
  }

  /** The number of keys currently remembered. */
  get size(): number {
    return this.live;
  }

  /** Marks `key` for `ttlMs` and answers true when it was already marked and not yet expired. */
  seen(key: string, ttlMs: number): boolean {
    const now = this.now();
    this.sweep(now);
    const { hi, lo } = this.fingerprint.of(key);
    const at = this.find(hi, lo);
    if (at !== -1) {
      const slot = this.index[at]!;
      if (this.expiresAt[slot]! > now) return true;
      // Expired but behind a younger expiry (ttls differ): forget it here and mark it anew at the newest end.
      this.expiresAt[slot] = -Infinity;
      this.removeAt(at);
      this.live -= 1;
    }
    this.append(hi, lo, now + ttlMs);
    return false;
  }

  /** Forgets expired keys (and dead slots) at the oldest end of the ring. */
  private sweep(now: number): void {
    while (this.used > 0 && !(this.expiresAt[this.head]! > now)) this.popOldest();
  }

  /** Remembers a fingerprint as the newest key, forgetting the oldest when full and growing the ring if needed. */
  private append(hi: number, lo: number, expiresAt: number): void {
    if (this.live >= this.maxSize) {
      let forgotten = false;
      while (!forgotten && this.used > 0) forgotten = this.popOldest();
    }
    if (this.used === this.hi.length) this.resize();
    const capacity = this.hi.length;
    let slot = this.head + this.used;
    if (slot >= capacity) slot -= capacity;
    this.hi[slot] = hi;
    this.lo[slot] = lo;
    this.expiresAt[slot] = expiresAt;
    this.used += 1;
    this.live += 1;
    insert(this.index, this.mask, lo, slot);
  }

  /** Drops the oldest slot; answers true when it held a remembered key (not a dead slot). */
  private popOldest(): boolean {
    const slot = this.head;
    const at = this.find(this.hi[slot]!, this.lo[slot]!);
    const live = at !== -1 && this.index[at] === slot;
    if (live) {
      this.removeAt(at);
      this.live -= 1;
    }
    this.head = slot + 1 === this.hi.length ? 0 : slot + 1;
    this.used -= 1;
    return live;
  }

  /**
   * Copies the remembered keys, oldest first, into a ring of a new capacity (or the same one when at least a
   * quarter of it is dead slots, so the copy pays for itself) and rebuilds the index.
   */
  private resize(): void {
    const capacity = this.hi.length;
    const dead = this.used - this.live;
    const next =
      dead * 4 >= capacity
        ? capacity
        : capacity < this.maxSize
          ? Math.min(capacity * 2, this.maxSize)
          : this.maxCapacity;
    const hi = new Uint32Array(next);
    const lo = new Uint32Array(next);
    const expiresAt = new Float64Array(next);
    const index = new Int32Array(indexSizeFor(next)).fill(-1);
    const mask = index.length - 1;
    let count = 0;
    let slot = this.head;
    for (let n = 0; n < this.used; n += 1) {
      const h = this.hi[slot]!;
      const l = this.lo[slot]!;
      const at = this.find(h, l);
      if (at !== -1 && this.index[at] === slot) {
        hi[count] = h;
        lo[count] = l;
        expiresAt[count] = this.expiresAt[slot]!;
        insert(index, mask, l, count);
        count += 1;
      }
      slot = slot + 1 === capacity ? 0 : slot + 1;
    }
    this.hi = hi;
    this.lo = lo;
    this.expiresAt = expiresAt;
    this.index = index;
    this.mask = mask;
    this.head = 0;
    this.used = count;
  }

  /** The index position holding the fingerprint, or -1. */
  private find(hi: number, lo: number): number {
    const index = this.index;
    const mask = this.mask;
    for (let at = lo & mask; ; at = (at + 1) & mask) {
      const slot = index[at]!;
      if (slot === -1) return -1;
      if (this.lo[slot] === lo && this.hi[slot] === hi) return at;
    }
  }

  /** Empties an index position by shifting back the entries of its probe run (no tombstones). */
  private removeAt(at: number): void {
    const index = this.index;
    const mask = this.mask;
    let hole = at;
    for (let next = (at + 1) & mask; ; next = (next + 1) & mask) {
      const slot = index[next]!;
      if (slot === -1) break;
      const home = this.lo[slot]! & mask;
      // Move the entry back into the hole when the hole lies between its home and where it sits.
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        index[hole] = slot;
        hole = next;
      }
    }
    index[hole] = -1;
  }
}

/** The power-of-two index size that keeps the load at most 1/2 for a ring of `capacity` slots. */
function indexSizeFor(capacity: number): number {
  let size = 2;
  while (size < capacity * 2) size *= 2;
  return size;
}

/** Puts a ring slot into an index at the first empty position of its probe run. */
function insert(index: Int32Array, mask: number, lo: number, slot: number): void {
  let at = lo & mask;
  while (index[at] !== -1) at = (at + 1) & mask;
  index[at] = slot;
}
