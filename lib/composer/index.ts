/**
 * Composition of `(ctx, next)` middleware, Koa and grammY style: `Composer` with `use`, `on`, `hears`,
 * `command`, `postback`, `quickReply`, `filter`, `drop`, `branch`, `errorBoundary` and `fork`; the middleware
 * types; and `Filter`, the context narrowed by a query. `Bot` is a Composer.
 */
export { Composer } from './composer.js';
/** A context test (`filter`, `drop`, `branch`) and what `errorBoundary` calls on a failure. */
export type { ErrorHandler, Predicate } from './composer.js';
export { NextCalledTwiceError } from './middleware.js';
/** `(ctx, next) => unknown`, objects with `middleware()`, either, and `next`. */
export type { Middleware, MiddlewareFn, MiddlewareObj, NextFunction } from './middleware.js';
export { matchFilter } from './filter.js';
/** The context narrowed by a query, and the event narrowing behind it. */
export type { Filter, NarrowEvent } from './filter.js';
export { matchTrigger } from './triggers.js';
/** A string or RegExp trigger of `hears`, `postback` and `quickReply`. */
export type { Trigger } from './triggers.js';
