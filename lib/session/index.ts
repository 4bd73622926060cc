/**
 * Sessions: `session()` gives handlers `ctx.session` (typed by `SessionFlavor<S>`), kept per conversation in a
 * `SessionStorage`: `MemorySessionStorage` by default, `RedisSessionStorage` (`messenger-rx/redis`) to share it.
 */
export { session } from './session.js';
export type { SessionFlavor, SessionOptions } from './session.js';
export type { SessionStorage } from './storage.js';
export { MemorySessionStorage } from './memory.js';
export { SessionStorageError } from './errors.js';
