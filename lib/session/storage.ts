/** Where sessions live between events: the interface every session storage implements. */

/** A value, or a promise of it: storages may be synchronous (memory) or asynchronous (Redis). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * A key-value store of session data. `read` answers `undefined` for a key that has no session; `write` stores a
 * value (replacing any); `delete` forgets the key. Each may be synchronous or return a promise.
 */
export interface SessionStorage<S> {
  read(key: string): MaybePromise<S | undefined>;
  write(key: string, value: S): MaybePromise<void>;
  delete(key: string): MaybePromise<void>;
}
