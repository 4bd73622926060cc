import type { EventFor, Query, WebhookEvent } from '../events/index.js';
import { predicateFor } from '../events/index.js';
import type { GraphClient } from '../graph/index.js';
import { Context, END_CONTEXT } from './context.js';
import { BotHandlerError, BotHandlerTimeoutError } from './errors.js';
import {
  commandMatcher,
  hearsMatcher,
  postbackMatcher,
  quickReplyMatcher,
  type MatchResult,
  type Trigger,
} from '../composer/triggers.js';

/**
 * A handler: gets the (narrowed) event and its context. It returns nothing or a promise, which is awaited
 * before the next handler of the conversation runs; any other returned value is ignored (so a one-line
 * `(e, ctx) => ctx.reply.text('hi')` is fine).
 */
export type Handler<E extends WebhookEvent = WebhookEvent> = (event: E, ctx: Context<E>) => unknown;

export type { Trigger };

interface Registration {
  readonly label: string;
  readonly matcher: (event: WebhookEvent) => MatchResult;
  readonly handler: Handler;
}

const MATCHED: MatchResult = {};

/** Options of a {@link Router}. */
export interface RouterOptions {
  /** How long a handler's promise may stay unsettled before it is reported and skipped; undefined: forever. */
  readonly timeoutMs?: number | undefined;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Settles like `promise`, or rejects with `onTimeout()` after `ms` (the timer does not keep the process alive);
 * whatever `promise` does after the timeout is ignored.
 */
function within(promise: PromiseLike<unknown>, ms: number, onTimeout: () => Error): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function describeTrigger(trigger: Trigger): string {
  return typeof trigger === 'string' ? JSON.stringify(trigger) : String(trigger);
}

/**
 * The handler registry: registrations in order, each with a matcher. For one event every matching registration
 * runs, in registration order, one after the other; a failing handler, or one whose promise does not settle
 * within `timeoutMs`, is reported and the next one still runs.
 */
export class Router {
  private registrations: readonly Registration[] = [];
  private readonly timeoutMs: number | undefined;

  /** Creates an empty registry; `timeoutMs` bounds how long each handler is awaited. */
  constructor(options: RouterOptions = {}) {
    this.timeoutMs = options.timeoutMs;
  }

  /** Registers a handler for one query or any of several (validated now: an unknown query throws QueryError). */
  on<Q extends Query>(query: Q | readonly Q[], handler: Handler<EventFor<Q>>): void {
    const predicate = predicateFor(query);
    const label = `on(${JSON.stringify(query)})`;
    this.add(label, (event) => (predicate(event) ? MATCHED : undefined), handler);
  }

  /** Registers a handler for received text messages matching `trigger`. */
  hears(trigger: Trigger, handler: Handler<EventFor<'message:text'>>): void {
    this.add(`hears(${describeTrigger(trigger)})`, hearsMatcher(trigger), handler);
  }

  /**
   * Registers a handler for a Messenger command: a message whose `commands` name it, or whose text is `/name`
   * optionally followed by arguments (in `ctx.match[1]`).
   */
  command(name: string, handler: Handler<EventFor<'message'>>): void {
    this.add(`command(${JSON.stringify(name.replace(/^\//, ''))})`, commandMatcher(name), handler);
  }

  /** Registers a handler for postbacks whose payload matches `trigger`. */
  postback(trigger: Trigger, handler: Handler<EventFor<'postback'>>): void {
    this.add(`postback(${describeTrigger(trigger)})`, postbackMatcher(trigger), handler);
  }

  /** Registers a handler for quick reply taps whose payload matches `trigger`. */
  quickReply(trigger: Trigger, handler: Handler<EventFor<'message:quick_reply'>>): void {
    this.add(`quickReply(${describeTrigger(trigger)})`, quickReplyMatcher(trigger), handler);
  }

  /** How many registrations there are. */
  get size(): number {
    return this.registrations.length;
  }

  /**
   * Runs every matching handler for `event`, in registration order, one at a time. Each call is isolated: a
   * throw, a rejection, a timeout or a throwing matcher goes to `report`, the next handler still runs, and the
   * returned promise always resolves (never rejects), so the stream never ends.
   */
  async run(
    event: WebhookEvent,
    api: GraphClient,
    report: (error: BotHandlerError | BotHandlerTimeoutError) => void,
  ): Promise<void> {
    // The list is replaced, never changed in place, on registration: a handler that registers another one
    // does not change the loop that is running it.
    for (const { label, matcher, handler } of this.registrations) {
      try {
        const result = matcher(event);
        if (result === undefined) continue;
        const ctx = new Context(event, api, result.match);
        const returned = handler(event, ctx);
        const { timeoutMs } = this;
        if (timeoutMs === undefined || !isThenable(returned)) await returned;
        else {
          await within(returned, timeoutMs, () => {
            const error = new BotHandlerTimeoutError(event, label, timeoutMs);
            ctx[END_CONTEXT](error);
            return error;
          });
        }
      } catch (error) {
        report(error instanceof BotHandlerTimeoutError ? error : new BotHandlerError(event, error, label));
      }
    }
  }

  private add<E extends WebhookEvent>(
    label: string,
    matcher: Registration['matcher'],
    handler: Handler<E>,
  ): void {
    if (typeof handler !== 'function') throw new TypeError(`${label}: the handler must be a function`);
    this.registrations = [...this.registrations, { label, matcher, handler: handler as unknown as Handler }];
  }
}
