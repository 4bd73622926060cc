/**
 * Sessions: `session()` gives handlers `ctx.session` (typed by `SessionFlavor<S>`), kept per conversation in a
 * `SessionStorage`: `MemorySessionStorage` by default, `RedisSessionStorage` (`messenger-rx/redis`) to share it.
 */
export { session } from './session.js';
/** The context flavor and the options of `session()`. */
export type { SessionFlavor, SessionOptions } from './session.js';
export { MemorySessionStorage } from './memory.js';
/** Options of the in-memory storage: its bound, TTL and clock. */
export type { MemorySessionStorageOptions } from './memory.js';
/** The storage interface every session storage implements, sync or async. */
export type { MaybePromise, SessionStorage } from './storage.js';
export { SessionKeyError, SessionStorageError } from './errors.js';
/** What failed in a SessionStorageError. */
export type { SessionOperation } from './errors.js';
