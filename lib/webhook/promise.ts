/**
 * True for a thenable: an object or function with a callable `then`. The one copy of this guard, shared by the
 * webhook (a handler's result), the delivery layer (a dispatch result), the composer (a filter's result), sessions
 * (a storage read) and the Botkit adapter.
 */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
