import type { Context } from '../bot/context.js';
import { predicateFor, type Query, type WebhookEvent } from '../events/index.js';
import { isPromiseLike } from '../webhook/promise.js';
import type { Filter } from './filter.js';
import { enterRegistration, labelFailure } from './labels.js';
import {
  concat,
  flatten,
  pass,
  passThrough,
  run,
  type Middleware,
  type MiddlewareFn,
  type MiddlewareObj,
  type NextFunction,
} from './middleware.js';
import {
  commandMatcher,
  hearsMatcher,
  postbackMatcher,
  quickReplyMatcher,
  describeTriggers,
  type EventMatcher,
  type Trigger,
} from './triggers.js';

/** A test on the context for `filter`, `drop` and `branch`; it may be asynchronous. */
export type Predicate<C extends Context> = (ctx: C) => boolean | Promise<boolean>;

/**
 * What `errorBoundary` calls when its middleware failed: the error, the context, and `next` to pass the event on
 * to the middleware registered after the boundary (not calling it ends the chain there).
 */
export type ErrorHandler<C extends Context> = (error: unknown, ctx: C, next: NextFunction) => unknown;

function isQueryArgument(value: unknown): value is Query | readonly Query[] {
  return typeof value === 'string' || Array.isArray(value);
}

/**
 * Holds middleware and composes it, Koa and grammY style. One event runs one chain, in registration order: each
 * middleware either ends the chain or calls `next()` to pass the event on, and `next()` settles once the rest
 * of the chain has run. The filtering methods (`on`, `hears`, `command`, `postback`, `quickReply`, `filter`)
 * pass events they do not match on untouched, and run their middleware for the others: the first matching
 * handler ends the chain unless it calls `next()`. A middleware registered last with `use` is therefore the
 * fallback. `Bot` is a Composer; a Composer is itself middleware (`bot.use(composer)`).
 *
 * Each filtering method returns a new Composer for the matching events, with the context type narrowed:
 *
 * ```ts
 * const menu = new Composer<MyContext>();
 * menu.hears(/^menu$/i, (ctx) => ctx.reply.quickReplies('Pick one', [...]));
 * menu.postback('HELP', (ctx) => ctx.reply.text('How can I help?'));
 * bot.use(menu);
 * bot.on('message:text', (ctx) => ctx.reply.text(`You said: ${ctx.event.message.text}`));
 * bot.use((ctx) => ctx.reply.text('Sorry, I did not get that.'));
 * ```
 */
export class Composer<C extends Context = Context> implements MiddlewareObj<C> {
  private handler: MiddlewareFn<C>;

  /** Creates a composer holding `middleware`, in order. */
  constructor(...middleware: Middleware<C>[]) {
    this.handler = middleware.length === 0 ? pass : middleware.map(flatten).reduce(concat);
  }

  /**
   * The composed chain as one middleware function. Registrations made while an event runs apply from the next
   * event on.
   */
  middleware(): MiddlewareFn<C> {
    return this.handler;
  }

  /**
   * Adds middleware that runs for every event that reaches it; returns a composer holding it (further
   * registrations on it run after it, when it calls `next()`).
   */
  use(...middleware: Middleware<C>[]): Composer<C> {
    const composer = new Composer(...middleware);
    this.handler = concat(this.handler, flatten(composer));
    return composer;
  }

  /**
   * Adds middleware for events matching a query or any of several (`'message:text'`, `['postback', 'referral']`);
   * `ctx.event` is narrowed to what the query guarantees. An unknown query throws QueryError here.
   */
  on<Q extends Query>(
    query: Q | readonly Q[],
    ...middleware: Middleware<Filter<C, Q>>[]
  ): Composer<Filter<C, Q>> {
    const predicate = predicateFor(query);
    return this.when(
      `on(${JSON.stringify(query)})`,
      (event) => (predicate(event) ? {} : undefined),
      middleware,
    );
  }

  /**
   * Adds middleware for received text messages equal to a string or matching a RegExp (or any of several); the
   * RegExp match is in `ctx.match`.
   */
  hears(
    trigger: Trigger | readonly Trigger[],
    ...middleware: Middleware<Filter<C, 'message:text'>>[]
  ): Composer<Filter<C, 'message:text'>> {
    return this.when(describeTriggers('hears', trigger), hearsMatcher(trigger), middleware);
  }

  /**
   * Adds middleware for a Messenger command or any of several: a message whose `commands` name it, or whose
   * text is `/name`, optionally followed by arguments (then in `ctx.match[1]`).
   */
  command(
    name: string | readonly string[],
    ...middleware: Middleware<Filter<C, 'message'>>[]
  ): Composer<Filter<C, 'message'>> {
    return this.when(`command(${JSON.stringify(name)})`, commandMatcher(name), middleware);
  }

  /** Adds middleware for postbacks (buttons, Get Started, ice breakers) whose payload matches. */
  postback(
    trigger: Trigger | readonly Trigger[],
    ...middleware: Middleware<Filter<C, 'postback'>>[]
  ): Composer<Filter<C, 'postback'>> {
    return this.when(describeTriggers('postback', trigger), postbackMatcher(trigger), middleware);
  }

  /** Adds middleware for quick reply taps whose payload matches. */
  quickReply(
    trigger: Trigger | readonly Trigger[],
    ...middleware: Middleware<Filter<C, 'message:quick_reply'>>[]
  ): Composer<Filter<C, 'message:quick_reply'>> {
    return this.when(describeTriggers('quickReply', trigger), quickReplyMatcher(trigger), middleware);
  }

  /**
   * Adds middleware for the events that pass a test: a query (as `on`), a type guard on the context (the
   * context type is narrowed to it), or any test returning a boolean or a promise of one.
   */
  filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Middleware<D>[]): Composer<D>;
  filter<Q extends Query>(
    query: Q | readonly Q[],
    ...middleware: Middleware<Filter<C, Q>>[]
  ): Composer<Filter<C, Q>>;
  filter(predicate: Predicate<C>, ...middleware: Middleware<C>[]): Composer<C>;
  filter(test: Query | readonly Query[] | Predicate<C>, ...middleware: Middleware<C>[]): unknown {
    if (isQueryArgument(test))
      return this.on(test, ...(middleware as unknown as Middleware<Filter<C, Query>>[]));
    if (typeof test !== 'function') throw new TypeError('filter(): give a query or a predicate function');
    const composer = new Composer(...middleware);
    this.branch(test, composer, pass);
    return composer;
  }

  /** Adds middleware for the events that fail a test (the opposite of `filter`). */
  drop(predicate: Predicate<C>, ...middleware: Middleware<C>[]): Composer<C> {
    return this.filter(
      (ctx) => {
        const result = predicate(ctx);
        return isPromiseLike(result) ? Promise.resolve(result).then((value) => !value) : !result;
      },
      ...middleware,
    );
  }

  /**
   * Runs `onTrue` for the events that pass the test and `onFalse` for the others; either passes the event on to
   * what is registered after the branch by calling `next()`.
   */
  branch(predicate: Predicate<C>, onTrue: Middleware<C>, onFalse: Middleware<C>): Composer<C> {
    if (typeof predicate !== 'function') throw new TypeError('branch(): the predicate must be a function');
    const whenTrue = flatten(onTrue);
    const whenFalse = flatten(onFalse);
    return this.use((ctx, next) => {
      const result = predicate(ctx);
      if (!isPromiseLike(result)) return (result ? whenTrue : whenFalse)(ctx, next);
      return Promise.resolve(result).then((value) => (value ? whenTrue : whenFalse)(ctx, next));
    });
  }

  /**
   * Runs middleware inside an error boundary: when it throws or rejects, `handler(error, ctx, next)` runs
   * instead of the error going to `bot.errors$`. Middleware registered after the boundary runs when the guarded
   * middleware, or the handler, calls `next()`, outside the boundary: its errors are not caught here.
   */
  errorBoundary(handler: ErrorHandler<C>, ...middleware: Middleware<C>[]): Composer<C> {
    if (typeof handler !== 'function') throw new TypeError('errorBoundary(): the handler must be a function');
    const composer = new Composer(...middleware);
    const guarded = flatten(composer);
    this.use(async (ctx, next) => {
      let passOn = false;
      const mark: NextFunction = () => {
        passOn = true;
        return passThrough();
      };
      try {
        await guarded(ctx, mark);
      } catch (error) {
        passOn = false;
        await handler(error, ctx, mark);
      }
      if (passOn) await next();
    });
    return composer;
  }

  /**
   * Runs middleware concurrently with the rest of the chain (which goes on at once); the event is done when
   * both are. A failure of either fails the event.
   */
  fork(...middleware: Middleware<C>[]): Composer<C> {
    const composer = new Composer(...middleware);
    const forked = flatten(composer);
    this.use(async (ctx, next) => {
      await Promise.all([next(), Promise.resolve().then(() => forked(ctx, passThrough))]);
    });
    return composer;
  }

  /**
   * Registers `middleware` behind a matcher of the event; sets `ctx.match` from it. A failure inside is labelled
   * with the registration (see labels.ts) for the Bot's error reports.
   */
  private when<D extends Context>(
    label: string,
    matcher: EventMatcher,
    middleware: readonly Middleware<D>[],
  ): Composer<D> {
    const composer = new Composer<D>(...middleware);
    const matched = flatten(composer) as unknown as MiddlewareFn<C>;
    const fail = (error: unknown): never => {
      labelFailure(error, label);
      throw error;
    };
    this.handler = concat(this.handler, (ctx, next) => {
      let result: ReturnType<EventMatcher>;
      try {
        result = matcher(ctx.event as WebhookEvent);
      } catch (error) {
        return fail(error);
      }
      if (result === undefined) return next();
      if (result.match !== undefined) ctx.match = result.match;
      enterRegistration(ctx, label);
      return run(matched, ctx, next).catch(fail);
    });
    return composer;
  }
}
