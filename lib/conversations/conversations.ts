/** The `conversations()` middleware: where flows' state is loaded and saved, and `ctx.conversation`. */
import type { Context } from '../bot/context.js';
import type { MiddlewareFn } from '../composer/index.js';
import { SessionStorageError, type SessionStorage } from '../session/index.js';
import { sessionHandleOf } from '../session/session.js';
import type { MaybePromise } from '../session/storage.js';
import { ConversationError } from './errors.js';
import type { ConversationFn } from './replay.js';
import { enterFlow } from './runner.js';
import { isConversationState, type ConversationState } from './state.js';

/** `ctx.conversation`: enter a flow, leave it, or see which one is active. */
export interface ConversationControls {
  /**
   * Starts the flow registered under `name` (by a `createConversation` before this handler) with this event's
   * context, and resolves when it waits for the next event or finished. A flow already active is left first.
   */
  enter(name: string): Promise<void>;
  /** Leaves the active flow, if any: the next event goes down the normal chain. */
  exit(): Promise<void>;
  /** The name of the flow in progress in this conversation, or undefined. */
  readonly active: string | undefined;
}

/**
 * The context flavor of `conversations()`: `ctx.conversation`.
 *
 * @example
 * type MyContext = Context & SessionFlavor<MySession> & ConversationFlavor;
 */
export interface ConversationFlavor {
  readonly conversation: ConversationControls;
}

/** Options of {@link conversations}. */
export interface ConversationsOptions<C extends Context = Context> {
  /**
   * Where flows in progress are kept; default the storage of the `session()` registered before (under the
   * session key + `:conversation`). A flow survives a restart when its storage does.
   */
  storage?: SessionStorage<ConversationState>;
  /** The key of an event's flow in `storage`; default the event's conversation. Only with `storage`. */
  getStorageKey?: (ctx: C) => MaybePromise<string | undefined>;
  /**
   * How long a flow may wait for its next event; an event arriving later leaves the flow and goes down the
   * normal chain. Default 10 minutes; `Infinity` never times out.
   */
  idleTimeoutMs?: number;
  /** The clock, in epoch milliseconds; default `Date.now`. */
  now?: () => number;
}

const DEFAULT_IDLE_MS = 10 * 60 * 1000;

/** The per-event state `conversations()` shares with `createConversation` and `ctx.conversation`. */
export class ConversationControl<C extends Context> implements ConversationControls {
  /** Flows registered by the `createConversation` middleware this event passed, by name. */
  readonly flows = new Map<string, ConversationFn<C>>();
  /** The flow in progress, as it should be saved after the chain. */
  state: ConversationState | undefined;
  /** Whether `state` differs from what is stored. */
  changed = false;

  constructor(
    private readonly ctx: C,
    readonly key: string | undefined,
    state: ConversationState | undefined,
    readonly receivedAt: number,
  ) {
    this.state = state;
  }

  get active(): string | undefined {
    return this.state?.name;
  }

  /** Replaces the flow in progress (undefined: none). */
  update(state: ConversationState | undefined): void {
    this.state = state;
    this.changed = true;
  }

  async enter(name: string): Promise<void> {
    const fn = this.flows.get(name);
    if (fn === undefined) {
      throw new ConversationError(
        `no conversation '${name}': register createConversation(...) for it before the handler that enters it`,
        name,
      );
    }
    if (this.key === undefined) {
      throw new ConversationError(
        `a '${this.ctx.event.type}' event has no conversation key to keep a flow`,
        name,
      );
    }
    if (this.state !== undefined) this.update(undefined);
    await enterFlow(this, name, fn, this.ctx);
  }

  exit(): Promise<void> {
    if (this.state !== undefined) this.update(undefined);
    return Promise.resolve();
  }
}

/** Where conversations() puts the control on the context (a symbol: invisible to users' code). */
const CONVERSATION_CONTROL: unique symbol = Symbol('messenger-rx.conversations');

/** The control of a context, or a ConversationError when `conversations()` did not run before. */
export function controlOf<C extends Context>(ctx: C): ConversationControl<C> {
  const control = (ctx as C & { [CONVERSATION_CONTROL]?: ConversationControl<C> })[CONVERSATION_CONTROL];
  if (control === undefined) {
    throw new ConversationError('createConversation() needs bot.use(conversations()) registered before it');
  }
  return control;
}

interface Place {
  readonly storage: SessionStorage<ConversationState>;
  readonly key: string | undefined;
}

async function placeOf<C extends Context>(ctx: C, options: ConversationsOptions<C>): Promise<Place> {
  if (options.storage !== undefined) {
    const key = await (options.getStorageKey ?? ((c: C) => c.event.conversation))(ctx);
    return { storage: options.storage, key };
  }
  const handle = sessionHandleOf(ctx);
  if (handle === undefined) {
    throw new ConversationError(
      'conversations() needs bot.use(session(...)) registered before it, or a storage option',
    );
  }
  return {
    storage: handle.storage as SessionStorage<ConversationState>,
    key: handle.key === undefined ? undefined : `${handle.key}:conversation`,
  };
}

/** Reads the flow state; a storage failure becomes a SessionStorageError (the event fails, nothing runs). */
async function load(place: Place): Promise<unknown> {
  if (place.key === undefined) return undefined;
  try {
    return await place.storage.read(place.key);
  } catch (error) {
    throw new SessionStorageError('read', place.key, error);
  }
}

/** Saves (or deletes) the flow state; a storage failure becomes a SessionStorageError with the unsaved state. */
async function save(place: Place, state: ConversationState | undefined): Promise<void> {
  if (place.key === undefined) return;
  try {
    if (state === undefined) await place.storage.delete(place.key);
    else await place.storage.write(place.key, state);
  } catch (error) {
    throw new SessionStorageError(state === undefined ? 'delete' : 'write', place.key, error, state);
  }
}

/**
 * Multi-turn flows. Register it after `session()` (whose storage keeps the flows, unless `storage` is given),
 * then the flows with `createConversation`, then the handlers that enter them:
 *
 * ```ts
 * bot.use(session({ initial: () => ({}) }));
 * bot.use(conversations());
 * bot.command('cancel', async (ctx) => { await ctx.conversation.exit(); await ctx.reply.text('Cancelled.'); });
 * bot.use(createConversation(order));
 * bot.command('order', (ctx) => ctx.conversation.enter('order'));
 * ```
 *
 * For each event it reads the conversation's flow in progress; a flow idle for longer than `idleTimeoutMs` is
 * left, and the event goes on as if there were none. After the chain it saves the flow's new state, also when
 * the chain failed (a flow that threw is then over, and can be entered again).
 */
export function conversations<C extends Context & ConversationFlavor = Context & ConversationFlavor>(
  options: ConversationsOptions<C> = {},
): MiddlewareFn<C> {
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_MS;
  if (!(idleMs > 0)) throw new RangeError(`idleTimeoutMs must be positive, got ${idleMs}`);
  const now = options.now ?? Date.now;
  return async (ctx, next) => {
    const place = await placeOf(ctx, options);
    const stored = await load(place);
    const receivedAt = now();
    let state: ConversationState | undefined;
    let changed = false;
    if (stored !== undefined && stored !== null) {
      changed = true; // dropped unless it is a live flow
      if (!isConversationState(stored)) {
        await save(place, undefined);
        throw new ConversationError(
          'the stored state of a flow is not one this version can replay; it was dropped',
        );
      }
      if (receivedAt - stored.lastActive <= idleMs) {
        state = stored;
        changed = false;
      }
    }
    const control = new ConversationControl(ctx, place.key, state, receivedAt);
    control.changed = changed;
    Object.defineProperty(ctx, CONVERSATION_CONTROL, { configurable: true, value: control });
    Object.defineProperty(ctx, 'conversation', { configurable: true, enumerable: true, value: control });
    let failure: { error: unknown } | undefined;
    try {
      await next();
    } catch (error) {
      failure = { error };
    }
    if (control.changed) {
      try {
        await save(place, control.state);
      } catch (error) {
        if (failure === undefined) throw error;
        throw new AggregateError(
          [failure.error, error],
          'the chain failed, and so did saving the flow state',
          {
            cause: error,
          },
        );
      }
    }
    if (failure !== undefined) throw failure.error;
  };
}
