import { filter, type OperatorFunction } from 'rxjs';
import type { EventFor, Query, WebhookEvent } from '../events/index.js';
import { predicateFor } from '../events/index.js';

/**
 * An RxJS operator keeping the events that match a query (or any of several), with the type narrowed:
 * `bot.events$.pipe(on('message:text'), debounceTime(500))`. An unknown query throws QueryError right away.
 */
export function on<Q extends Query>(query: Q | readonly Q[]): OperatorFunction<WebhookEvent, EventFor<Q>> {
  return filter(predicateFor(query));
}
