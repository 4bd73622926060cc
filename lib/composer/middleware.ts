/**
 * The middleware types and the two primitives every composition is made of: `flatten` (a middleware object to a
 * function) and `concat` (two middleware in a row).
 */
import type { Context } from '../bot/context.js';
import { MessengerRxError } from '../errors/base.js';
import type { MessengerRxErrorCode } from '../errors/codes.js';

/** Runs the rest of the chain; the promise settles once the rest has run (and rejects when it failed). */
export type NextFunction = () => Promise<void>;

/**
 * A middleware function: gets the context and `next`. It ends the chain by returning without calling `next()`,
 * or passes the event on with `await next()`. What it returns is awaited when it is a promise, else ignored, so
 * a one-line `(ctx) => ctx.reply.text('hi')` is fine.
 */
export type MiddlewareFn<C extends Context = Context> = (ctx: C, next: NextFunction) => unknown;

/** Something that holds middleware, such as a Composer or a plugin object: `middleware()` gives its function. */
export interface MiddlewareObj<C extends Context = Context> {
  /** The middleware function to run; read on every event, so later registrations count. */
  middleware(): MiddlewareFn<C>;
}

/** A middleware function or a middleware object: what `use`, `on`, `hears`, ... take. */
export type Middleware<C extends Context = Context> = MiddlewareFn<C> | MiddlewareObj<C>;

/** Thrown when a middleware calls `next()` a second time: the rest of the chain runs once per event. */
export class NextCalledTwiceError extends MessengerRxError {
  override readonly name = 'NextCalledTwiceError';
  readonly code = 'ERR_NEXT_CALLED_TWICE' satisfies MessengerRxErrorCode;
  constructor() {
    super('next() was called more than once by one middleware');
  }
}

/** The end of a chain: nothing more to run. */
export const passThrough: NextFunction = () => Promise.resolve();

/** The middleware that only passes the event on. */
export function pass<C extends Context>(_ctx: C, next: NextFunction): Promise<void> {
  return next();
}

/** A middleware as a function; a middleware object's `middleware()` is read on every call. */
export function flatten<C extends Context>(middleware: Middleware<C>): MiddlewareFn<C> {
  if (typeof middleware === 'function') return middleware;
  if (typeof middleware !== 'object' || middleware === null || typeof middleware.middleware !== 'function') {
    throw new TypeError('a middleware is a function (ctx, next) => ... or an object with middleware()');
  }
  return (ctx, next) => middleware.middleware()(ctx, next);
}

/** Runs a middleware and returns a promise of its end (a synchronous throw becomes a rejection). */
export async function run<C extends Context>(
  middleware: MiddlewareFn<C>,
  ctx: C,
  next: NextFunction,
): Promise<void> {
  await middleware(ctx, next);
}

/** `first`, then (when it calls `next()`) `andThen`, then the outer `next`. */
export function concat<C extends Context>(first: MiddlewareFn<C>, andThen: MiddlewareFn<C>): MiddlewareFn<C> {
  return async (ctx, next) => {
    let called = false;
    await first(ctx, async () => {
      if (called) throw new NextCalledTwiceError();
      called = true;
      await andThen(ctx, next);
    });
  };
}
