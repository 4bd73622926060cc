/**
 * How an event is stored in a stream entry and read back: field `c` holds its conversation (so even an entry whose
 * event cannot be read still names where it belongs) and field `e` the event's JSON, `raw` included.
 */
import type { WebhookEvent } from '../events/index.js';

/** A stream entry as Redis returns it: its id and its flat field list. */
export interface StreamEntry {
  readonly id: string;
  readonly fields: readonly string[];
}

/** The stream fields of an event: its conversation and its JSON. */
export function encodeEvent(event: WebhookEvent): [conversation: string, json: string] {
  return [event.conversation, JSON.stringify(event)];
}

/** An entry read back: the event, or why it is not one. */
export type DecodedEntry =
  { readonly ok: true; readonly event: WebhookEvent } | { readonly ok: false; readonly reason: string };

/** Reads an entry's event back; anything that is not an object with string `type` and `conversation` is refused. */
export function decodeEntry(entry: StreamEntry): DecodedEntry {
  const at = entry.fields.indexOf('e');
  const json = at >= 0 && at % 2 === 0 ? entry.fields[at + 1] : undefined;
  if (json === undefined) return { ok: false, reason: 'no event field' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'the event is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null) return { ok: false, reason: 'the event is not an object' };
  const record = value as Record<string, unknown>;
  if (typeof record.type !== 'string' || typeof record.conversation !== 'string') {
    return { ok: false, reason: 'the event has no type or conversation' };
  }
  return { ok: true, event: value as WebhookEvent };
}

/** Reads a list of entries out of a Redis reply (`[[id, [field, value, ...]], ...]`); nil entries are dropped. */
export function entriesOf(reply: unknown): StreamEntry[] {
  if (!Array.isArray(reply)) return [];
  const entries: StreamEntry[] = [];
  for (const item of reply) {
    if (!Array.isArray(item) || typeof item[0] !== 'string') continue;
    const fields = Array.isArray(item[1]) ? item[1].filter((f): f is string => typeof f === 'string') : [];
    entries.push({ id: item[0], fields });
  }
  return entries;
}
