/**
 * Narrowing a context by a query: the `Filter` type, and `matchFilter` to write type guards on contexts.
 */
import type { Context } from '../bot/context.js';
import type { EventFor, Query, WebhookEvent } from '../events/index.js';
import { predicateFor } from '../events/index.js';

/**
 * The event type after a query: exactly `EventFor<Q>` on a context that was not narrowed yet, else the
 * intersection with what earlier filters guaranteed (`on('message:text')` inside `on('message:quick_reply')`).
 */
export type NarrowEvent<E extends WebhookEvent, Q extends Query> = [WebhookEvent] extends [E]
  ? EventFor<Q>
  : E & EventFor<Q>;

/**
 * The context `C` with `ctx.event` narrowed by the query `Q`; every flavor of `C` (`ctx.session`, ...) stays.
 *
 * @example
 * type TextContext = Filter<Context & SessionFlavor<S>, 'message:text'>; // ctx.event.message.text: string
 */
export type Filter<C extends Context, Q extends Query> = Context<
  // Extract changes nothing (every narrowed event is a WebhookEvent) but spares the compiler from proving
  // Context's constraint over every query at once, which takes it gigabytes with the platform-prefixed queries.
  Extract<NarrowEvent<C['event'], Q>, WebhookEvent>
> &
  Omit<C, keyof Context>;

/**
 * A type guard on contexts for a query (or several), for `filter`, `branch` or plain `if`s:
 * `if (matchFilter('postback')(ctx)) ctx.event.postback.payload`. Throws QueryError for an unknown query.
 */
export function matchFilter<Q extends Query>(
  query: Q | readonly Q[],
): <C extends Context>(ctx: C) => ctx is C & Filter<C, Q> {
  const predicate = predicateFor(query);
  return <C extends Context>(ctx: C): ctx is C & Filter<C, Q> => predicate(ctx.event);
}
