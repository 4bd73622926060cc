/** Storages for the session and conversation specs: one that counts its calls, one that fails on demand. */
import { MemorySessionStorage } from '../../lib/session/index.js';
import type { SessionStorage } from '../../lib/session/index.js';

/** Calls a storage received, by operation. */
export interface Calls {
  read: number;
  write: number;
  delete: number;
}

/** A storage around a MemorySessionStorage that counts its calls and can fail or answer asynchronously. */
export class ProbeStorage<S> implements SessionStorage<S> {
  readonly calls: Calls = { read: 0, write: 0, delete: 0 };
  readonly inner: MemorySessionStorage<S>;
  /** The next calls of these operations throw (then the flag clears). */
  failNext: Partial<Record<keyof Calls, Error>> = {};

  constructor(
    /** Answer with promises, as a networked storage does. */
    private readonly async = false,
    inner?: MemorySessionStorage<S>,
  ) {
    this.inner = inner ?? new MemorySessionStorage<S>();
  }

  private answer<T>(operation: keyof Calls, run: () => T): T | Promise<T> {
    this.calls[operation] += 1;
    const failure = this.failNext[operation];
    if (failure !== undefined) {
      delete this.failNext[operation];
      if (this.async) return Promise.reject(failure);
      throw failure;
    }
    return this.async ? Promise.resolve().then(run) : run();
  }

  read(key: string): S | undefined | Promise<S | undefined> {
    return this.answer('read', () => this.inner.read(key));
  }

  write(key: string, value: S): void | Promise<void> {
    return this.answer('write', () => this.inner.write(key, value));
  }

  delete(key: string): void | Promise<void> {
    return this.answer('delete', () => this.inner.delete(key));
  }
}
