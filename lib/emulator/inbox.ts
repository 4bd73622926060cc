import { EmulatorClosedError, EmulatorTimeoutError } from './errors.js';

interface Waiter<T> {
  readonly n: number;
  readonly predicate: (item: T) => boolean;
  readonly resolve: (items: T[]) => void;
  readonly reject: (error: unknown) => void;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Records items and lets callers wait for the next ones not yet taken: `take(n)` hands out the oldest n
 * untaken items that match, waiting until they exist or the timeout passes.
 */
export class Inbox<T> {
  private readonly all: T[] = [];
  private readonly taken = new Set<T>();
  private readonly waiters = new Set<Waiter<T>>();
  private closed = false;

  constructor(
    private readonly what: string,
    private readonly describe: (item: T) => string,
  ) {}

  /** Every item recorded so far, taken or not. */
  get items(): readonly T[] {
    return this.all;
  }

  /** Records an item and serves whoever waits for it. */
  push(item: T): void {
    this.all.push(item);
    this.serve();
  }

  /** Takes the oldest `n` untaken items matching `predicate`, waiting up to `timeoutMs`. */
  take(n: number, predicate: (item: T) => boolean, timeoutMs: number): Promise<T[]> {
    if (this.closed) return Promise.reject(new EmulatorClosedError(`waiting for ${this.what}`));
    return new Promise<T[]>((resolve, reject) => {
      const waiter: Waiter<T> = { n, predicate, resolve, reject, timer: undefined };
      if (this.tryServe(waiter)) return;
      waiter.timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const matching = this.untaken().filter(predicate);
        const others = this.untaken()
          .filter((i) => !predicate(i))
          .map(this.describe);
        reject(new EmulatorTimeoutError(this.what, timeoutMs, n, matching.length, others));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Takes the oldest untaken item matching `predicate`, waiting up to `timeoutMs` (EmulatorTimeoutError after). */
  async takeOne(predicate: (item: T) => boolean, timeoutMs: number): Promise<T> {
    const [item] = await this.take(1, predicate, timeoutMs);
    return item as T; // take(1) resolves with exactly one item
  }

  /** Forgets every item (waiters keep waiting for new ones). */
  clear(): void {
    this.all.length = 0;
    this.taken.clear();
  }

  /** Rejects every waiter and refuses new waits. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new EmulatorClosedError(`waiting for ${this.what}`));
    }
    this.waiters.clear();
  }

  private untaken(): T[] {
    return this.all.filter((i) => !this.taken.has(i));
  }

  private serve(): void {
    for (const waiter of [...this.waiters]) {
      if (this.tryServe(waiter)) {
        this.waiters.delete(waiter);
        clearTimeout(waiter.timer);
      }
    }
  }

  private tryServe(waiter: Waiter<T>): boolean {
    const found: T[] = [];
    for (const item of this.all) {
      if (found.length === waiter.n) break;
      if (!this.taken.has(item) && waiter.predicate(item)) found.push(item);
    }
    if (found.length < waiter.n) return false;
    for (const item of found) this.taken.add(item);
    waiter.resolve(found);
    return true;
  }
}
