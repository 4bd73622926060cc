/**
 * Composition of `(ctx, next)` middleware, Koa and grammY style: `Composer` with `use`, `on`, `hears`,
 * `command`, `postback`, `quickReply`, `filter`, `drop`, `branch`, `errorBoundary` and `fork`; the middleware
 * types; and `Filter`, the context narrowed by a query. `Bot` is a Composer.
 */
export { Composer } from './composer.js';
export type { ErrorHandler } from './composer.js';
export type { Middleware, MiddlewareFn, NextFunction } from './middleware.js';
export { matchFilter } from './filter.js';
export type { Filter } from './filter.js';
