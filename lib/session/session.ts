/** The `session()` middleware: `ctx.session`, read lazily from a storage and written back after the chain. */
import type { Context } from '../bot/context.js';
import type { MiddlewareFn } from '../composer/index.js';
import { isPromiseLike } from '../webhook/promise.js';
import { SessionKeyError, SessionStorageError } from './errors.js';
import { MemorySessionStorage } from './memory.js';
import type { MaybePromise, SessionStorage } from './storage.js';

/**
 * The context flavor of `session()`: `ctx.session` is the session data. Assign a new value to replace it, or
 * `undefined` to delete it (the next read starts again from `initial`).
 *
 * @example
 * type MyContext = Context & SessionFlavor<{ count: number }>;
 * const bot = new Bot<MyContext>(options);
 * bot.use(session({ initial: () => ({ count: 0 }) }));
 * bot.on('message:text', (ctx) => ctx.reply.text(`Message #${++ctx.session.count}`));
 */
export interface SessionFlavor<S> {
  get session(): S;
  set session(value: S | undefined);
}

/** Options of {@link session}. */
export interface SessionOptions<S, C extends Context = Context> {
  /** The session of a conversation that has none stored yet (called each time one is needed: return a new object). */
  initial: () => S;
  /** Where sessions live; default a new {@link MemorySessionStorage} (bounded, this process only). */
  storage?: SessionStorage<S>;
  /**
   * The key of an event's session; default `ctx.event.conversation` (the page or Instagram account and the
   * user), which the bot handles one event at a time. Undefined means no session: `ctx.session` then throws
   * SessionKeyError.
   */
  getSessionKey?: (ctx: C) => MaybePromise<string | undefined>;
  /**
   * Read only when a handler first touches `ctx.session` (true) or before the chain runs (false). Default true
   * for a MemorySessionStorage, false for other storages: a getter cannot wait for an asynchronous read, so
   * lazy reading needs a storage whose `read` answers synchronously (with true and an asynchronous storage,
   * touching `ctx.session` fails the event with a SessionStorageError).
   */
  lazy?: boolean;
}

/** What `session()` leaves on the context for plugins built on it (conversations): the storage and the key. */
export interface SessionHandle {
  readonly storage: SessionStorage<unknown>;
  readonly key: string | undefined;
}

/** Where session() puts its {@link SessionHandle} on the context (a symbol: invisible to users' code). */
const SESSION_HANDLE: unique symbol = Symbol('messenger-rx.session');

/** The {@link SessionHandle} of a context, when `session()` ran before. */
export function sessionHandleOf(ctx: Context): SessionHandle | undefined {
  return (ctx as Context & { [SESSION_HANDLE]?: SessionHandle })[SESSION_HANDLE];
}

/** One event's session: read on demand, tracked, and saved after the chain when it changed. */
class SessionSlot<S> {
  private loaded = false;
  private value: S | undefined;
  /** The JSON of the value as read (or as `initial` made it); a save happens only when it differs. */
  private snapshot: string | undefined;

  constructor(
    private readonly storage: SessionStorage<S>,
    private readonly key: string | undefined,
    private readonly initial: () => S,
    private readonly eventType: string,
  ) {}

  private requireKey(): string {
    if (this.key === undefined) throw new SessionKeyError(this.eventType);
    return this.key;
  }

  private settle(stored: S | undefined): void {
    this.loaded = true;
    this.value = stored ?? this.initial();
    this.snapshot = JSON.stringify(this.value);
  }

  /** Reads before the chain (asynchronous storages); a failure fails the event. */
  async load(): Promise<void> {
    if (this.key === undefined) return;
    let stored: S | undefined;
    try {
      stored = await this.storage.read(this.key);
    } catch (error) {
      throw new SessionStorageError('read', this.key, error);
    }
    if (!this.loaded) this.settle(stored);
  }

  get(): S {
    const key = this.requireKey();
    if (!this.loaded) {
      let stored: MaybePromise<S | undefined>;
      try {
        stored = this.storage.read(key);
      } catch (error) {
        throw new SessionStorageError('read', key, error);
      }
      if (isPromiseLike(stored)) {
        // Nobody will await it: keep a rejection from becoming an unhandled one.
        Promise.resolve(stored).catch(() => undefined);
        throw new SessionStorageError(
          'read',
          key,
          new Error(
            'the storage answered asynchronously; lazy reading needs a synchronous read (lazy: false)',
          ),
        );
      }
      this.settle(stored);
    }
    return this.value as S;
  }

  set(value: S | undefined): void {
    this.requireKey();
    this.loaded = true;
    this.value = value;
  }

  /** Writes the value back when it changed, deletes it when it was set to undefined, else does nothing. */
  async save(): Promise<void> {
    if (!this.loaded || this.key === undefined) return;
    const value = this.value;
    if (value === undefined) {
      try {
        await this.storage.delete(this.key);
      } catch (error) {
        throw new SessionStorageError('delete', this.key, error);
      }
      return;
    }
    if (JSON.stringify(value) === this.snapshot) return;
    try {
      await this.storage.write(this.key, value);
    } catch (error) {
      throw new SessionStorageError('write', this.key, error, value);
    }
  }
}

/** The default session key: the event's conversation (page or Instagram account, and the user). */
function conversationKey(ctx: Context): string {
  return ctx.event.conversation;
}

/**
 * Session middleware: gives every handler after it `ctx.session`, the data kept for the event's conversation
 * (typed by {@link SessionFlavor}). The storage is read when a handler first touches `ctx.session` (or, with an
 * asynchronous storage, before the chain), and written back after the chain only when the value's JSON changed;
 * `ctx.session = undefined` deletes it. When the chain fails, nothing is written (as a rolled-back transaction).
 * Per-conversation order makes read-modify-write safe: the bot runs one event of a conversation at a time.
 *
 * Storage failures are SessionStorageErrors that fail the event and reach `bot.errors$` with it: a failed read
 * before any handler saw a made-up session, a failed write after the chain, with the unsaved value.
 *
 * @example
 * bot.use(session({ initial: () => ({ count: 0 }) }));
 * bot.on('message', (ctx) => ctx.reply.text(`That is message #${++ctx.session.count}`));
 */
export function session<S, C extends Context & SessionFlavor<S> = Context & SessionFlavor<S>>(
  options: SessionOptions<S, C>,
): MiddlewareFn<C> {
  if (typeof options?.initial !== 'function') throw new TypeError('session(): give initial: () => S');
  const storage = options.storage ?? new MemorySessionStorage<S>();
  const getKey = options.getSessionKey ?? conversationKey;
  const lazy = options.lazy ?? storage instanceof MemorySessionStorage;
  return async (ctx, next) => {
    const key = await getKey(ctx);
    const slot = new SessionSlot<S>(storage, key, options.initial, ctx.event.type);
    if (!lazy) await slot.load();
    Object.defineProperty(ctx, 'session', {
      configurable: true,
      enumerable: true,
      get: () => slot.get(),
      set: (value: S | undefined) => slot.set(value),
    });
    const handle: SessionHandle = { storage: storage as SessionStorage<unknown>, key };
    Object.defineProperty(ctx, SESSION_HANDLE, { configurable: true, value: handle });
    await next(); // no catch: a failed chain writes nothing
    await slot.save();
  };
}
