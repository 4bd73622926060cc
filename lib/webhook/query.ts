import type { WebhookRequest } from './types.js';

/**
 * Reads one query parameter from a `URLSearchParams` or a parsed query object. A parameter given more than once
 * is ambiguous (parsers disagree on which one wins) and reads as absent, so the handshake answers 400.
 */
export function queryParam(query: WebhookRequest['query'], name: string): string | undefined {
  const values: readonly unknown[] =
    query instanceof URLSearchParams
      ? query.getAll(name)
      : Object.prototype.hasOwnProperty.call(query, name)
        ? [query[name]].flat()
        : [];
  const [only] = values;
  return values.length === 1 && typeof only === 'string' ? only : undefined;
}

/**
 * Reads one header case-insensitively; repeated values are joined with `, ` as node:http does, so a
 * duplicated signature header never passes as a single valid one.
 */
export function headerValue(headers: WebhookRequest['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const value = headers[key];
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.join(', ');
  }
  return undefined;
}

/** Parses the query string of a request target such as `/webhook?hub.mode=subscribe`. */
export function queryOfUrl(url: string | undefined): URLSearchParams {
  const target = url ?? '';
  const mark = target.indexOf('?');
  return new URLSearchParams(mark === -1 ? '' : target.slice(mark + 1));
}

/** The path of a request target without its query string, e.g. `/webhook` for `/webhook?a=1`. */
export function pathOfUrl(url: string | undefined): string {
  const target = url ?? '/';
  const mark = target.indexOf('?');
  return mark === -1 ? target : target.slice(0, mark);
}
