import type * as t from 'io-ts';
import { ParticipantC, TimeC, timeMs } from './codecs/common.js';
import { EntryC, EnvelopeC, ItemListC } from './codecs/envelope.js';
import type { Entry, Envelope } from './codecs/envelope.js';
import {
  CHANGE_KINDS,
  MESSAGING_FIELDS,
  MESSAGING_KEY_ALIASES,
  MESSAGING_KEYS,
  MESSAGING_KINDS,
  MessagingItemC,
} from './kinds.js';
import type { ChangeField, MessagingItem, MessagingKey } from './kinds.js';
import type {
  ChangeEvent,
  ChangeItemEvent,
  EventBase,
  MessagingEvent,
  MessagingPlatform,
  Participant,
  UnknownEvent,
  WebhookEvent,
} from './event.js';
import type { Message, Optin } from './codecs/messaging.js';
import type { DecodeIssue } from './issues.js';
import { issueFromErrors, joinPath, makeIssue, thrownIssue } from './issues.js';
import { isRecord } from './json.js';
import { messagingConversation } from './keys.js';

/** What `decodeWebhook` returns: the events in body order and an issue for everything that did not decode. */
export interface DecodeResult {
  /** Decoded events in body order: entry by entry, and within an entry its lists in the order they appear. */
  events: WebhookEvent[];
  /** One issue per malformed body, entry, list or item. */
  errors: DecodeIssue[];
}

type Item = Record<string, unknown>;

/** Where a messaging item sits: its entry, and the platform and list (messaging or standby) it came in. */
interface ListContext extends EntryPlace {
  platform: MessagingPlatform;
  standby: boolean;
}

/** Decodes `u` with `codec`: the cheap `is` check first, the full `decode` (and its error array) only when needed. */
function check<C extends t.Mixed>(
  codec: C,
  u: unknown,
  path: string,
  errors: DecodeIssue[],
): t.TypeOf<C> | undefined {
  if (codec.is(u)) return u;
  const result = codec.decode(u);
  if (result._tag === 'Right') return result.right as t.TypeOf<C>;
  errors.push(issueFromErrors(path, result.left));
  return undefined;
}

function idOf(p: Participant): string | undefined {
  return 'id' in p ? p.id : undefined;
}

/**
 * Builds the event of one decoded messaging item: the library's fields beside Meta's own key. An echo swaps the
 * roles (the account sent it, the user received it); a checkbox optin has no sender, its user is `optin.user_ref`.
 */
function messagingEvent(
  key: MessagingKey,
  item: MessagingItem<MessagingKey>,
  raw: unknown,
  ctx: ListContext,
): MessagingEvent {
  const value: unknown = (item as Record<string, unknown>)[key];
  const echo = key === 'message' && (value as Message).is_echo === true;
  let account = idOf(item.recipient);
  let user: Participant | undefined = item.sender;
  if (echo) {
    account = item.sender === undefined ? undefined : idOf(item.sender);
    user = item.recipient;
  } else if (user === undefined && key === 'optin') {
    const ref = (value as Optin).user_ref;
    if (ref !== undefined) user = { user_ref: ref };
  }
  const time = timeMs(item.timestamp) ?? ctx.time;
  const event: Record<string, unknown> = {
    type: echo ? 'echo' : MESSAGING_KINDS[key].type,
    platform: ctx.platform,
    standby: ctx.standby,
    entryId: ctx.entryId,
    time,
    raw,
    conversation: messagingConversation(ctx.platform, account ?? ctx.entryId, user),
  };
  if (item.sender !== undefined) event.sender = item.sender;
  event.recipient = item.recipient;
  event.timestamp = time;
  event[key] = value;
  return event as unknown as MessagingEvent;
}

const ENVELOPE_KEYS = new Set(['sender', 'recipient', 'timestamp']);

/** An item with no known key: kept as an `unknown` event with whatever sender / recipient / timestamp it has. */
function unknownEvent(item: Item, raw: unknown, ctx: ListContext): UnknownEvent {
  const sender = ParticipantC.is(item.sender) ? item.sender : undefined;
  const recipient = ParticipantC.is(item.recipient) ? item.recipient : undefined;
  const timestamp = timeMs(item.timestamp);
  let key: string | undefined;
  for (const k of Object.keys(item)) {
    if (!ENVELOPE_KEYS.has(k)) {
      key = k;
      break;
    }
  }
  const account = (recipient && idOf(recipient)) ?? ctx.entryId;
  const event: UnknownEvent = {
    type: 'unknown',
    platform: ctx.platform,
    standby: ctx.standby,
    entryId: ctx.entryId,
    time: timestamp ?? ctx.time,
    raw,
    conversation: messagingConversation(ctx.platform, account, sender),
    key,
  };
  if (sender !== undefined) event.sender = sender;
  if (recipient !== undefined) event.recipient = recipient;
  if (timestamp !== undefined) event.timestamp = timestamp;
  return event;
}

type Alias = keyof typeof MESSAGING_KEY_ALIASES;

/** The first key of {@link MESSAGING_KEYS} an item carries (table order), if any. */
function messagingKeyOf(item: Item): MessagingKey | Alias | undefined {
  for (let i = 0; i < MESSAGING_KEYS.length; i++) {
    const key = MESSAGING_KEYS[i] as MessagingKey | Alias;
    if (item[key] !== undefined) return key;
  }
  return undefined;
}

/** An item spelled with an older key: a shallow copy under the current key (rare, so the copy is affordable). */
function unaliased(item: Item, alias: Alias): Item {
  const copy: Item = { ...item, [MESSAGING_KEY_ALIASES[alias]]: item[alias] };
  delete copy[alias];
  return copy;
}

/**
 * Decodes one item of a messaging or standby list with the codec of the first key of {@link MESSAGING_KINDS} it
 * carries; an item with none is an `unknown` event.
 */
function decodeMessagingItem(item: unknown, path: string, ctx: ListContext): void {
  if (!isRecord(item)) {
    ctx.errors.push(makeIssue(path, 'messaging item (object)', item));
    return;
  }
  decodeKeyedItem(item, messagingKeyOf(item), path, ctx, item);
}

/** Decodes a messaging item whose first key (if any) is already known; `raw` is what the event keeps. */
function decodeKeyedItem(
  item: Item,
  found: MessagingKey | Alias | undefined,
  path: string,
  ctx: ListContext,
  raw: unknown,
): void {
  if (found === undefined) {
    ctx.events.push(unknownEvent(item, raw, ctx));
    return;
  }
  const isAlias = Object.prototype.hasOwnProperty.call(MESSAGING_KEY_ALIASES, found);
  const key: MessagingKey = isAlias ? MESSAGING_KEY_ALIASES[found as Alias] : (found as MessagingKey);
  const input = isAlias ? unaliased(item, found as Alias) : item;
  const decoded = check(MessagingItemC[key], input, path, ctx.errors) as
    MessagingItem<MessagingKey> | undefined;
  if (decoded !== undefined) ctx.events.push(messagingEvent(key, decoded, raw, ctx));
}

/**
 * Converts an `entry.time` to epoch ms: times come in seconds (changes) or ms (messaging), as numbers or, from
 * the App Dashboard, numeric strings; a missing time (never documented) becomes the time of decoding.
 */
export function entryTimeMs(time: number | string | undefined): number {
  return timeMs(time) ?? Date.now();
}

/** Where an entry is being decoded: where its events go and what its events share. */
interface EntryPlace {
  /** The entry's own path, e.g. `entry[0]`. */
  path: string;
  object: string;
  entryId: string;
  /** `entry.time` in ms: the time of change events and of messaging items without a timestamp. */
  time: number;
  events: WebhookEvent[];
  errors: DecodeIssue[];
}

/** One entry being decoded, with the context of its messaging `{field, value}` changes, made on the first one. */
interface EntryContext extends EntryPlace {
  messaging: ListContext | undefined;
}

function isTypedField(object: string, field: string): field is ChangeField {
  return object === 'instagram' && Object.prototype.hasOwnProperty.call(CHANGE_KINDS, field);
}

/**
 * A change event of an entry (a `changes[]` item or a `changed_fields` name), without its `value`. Built field
 * by field: spreading a shared base into each event cost more than the rest of the decoding.
 */
function changeEvent<T extends ChangeItemEvent['type']>(
  type: T,
  ctx: EntryContext,
  field: string,
  raw: unknown,
): EventBase<T, string> & { field: string; value?: unknown } {
  const platform = platformOf(ctx.object) ?? ctx.object;
  return {
    type,
    platform,
    standby: false,
    entryId: ctx.entryId,
    time: ctx.time,
    raw,
    conversation: `${platform}:${ctx.entryId}`,
    field,
  };
}

/** One `changes[]` item: a typed Instagram change when its field has a codec, otherwise a generic `change`. */
function decodeChange(item: unknown, path: string, ctx: EntryContext): void {
  if (!isRecord(item) || typeof item.field !== 'string') {
    ctx.errors.push(makeIssue(joinPath(path, 'field'), 'string', isRecord(item) ? item.field : item));
    return;
  }
  const field = item.field;
  // A messaging field whose value carries a messaging key decodes as that item; any other value stays a change.
  const value = item.value;
  if (MESSAGING_FIELDS.has(field) && isRecord(value)) {
    const key = messagingKeyOf(value);
    const listCtx = key === undefined ? undefined : (ctx.messaging ??= messagingContext(ctx, false));
    if (listCtx !== undefined) return decodeKeyedItem(value, key, `${path}.value`, listCtx, item);
  }
  if (isTypedField(ctx.object, field)) {
    const kind = CHANGE_KINDS[field];
    const value = check(kind.codec, item.value, joinPath(path, 'value'), ctx.errors);
    if (value !== undefined) {
      const event = changeEvent(kind.type, ctx, field, item);
      event.value = value;
      ctx.events.push(event as WebhookEvent);
    }
    return;
  }
  const event: ChangeEvent = changeEvent('change', ctx, field, item);
  if ('value' in item) event.value = item.value;
  ctx.events.push(event);
}

/** One `changed_fields[]` name (Include Values off): a `change` event with no `value`. */
function decodeChangedField(field: unknown, path: string, ctx: EntryContext): void {
  if (typeof field !== 'string') {
    ctx.errors.push(makeIssue(path, 'string', field));
    return;
  }
  ctx.events.push(changeEvent('change', ctx, field, field));
}

function platformOf(object: string): MessagingPlatform | undefined {
  return object === 'page' ? 'messenger' : object === 'instagram' ? 'instagram' : undefined;
}

/**
 * Runs `decodeOne` on every element of a list; an element whose reading throws (a getter, a Proxy trap)
 * becomes an issue at its own path and its siblings still decode.
 */
function eachGuarded<C extends { errors: DecodeIssue[] }>(
  list: readonly unknown[],
  listPath: string,
  ctx: C,
  decodeOne: (item: unknown, path: string, ctx: C) => void,
): void {
  for (let i = 0; i < list.length; i++) {
    const path = `${listPath}[${i}]`;
    let item: unknown;
    try {
      item = list[i];
      decodeOne(item, path, ctx);
    } catch (error) {
      ctx.errors.push(thrownIssue(path, item, error));
    }
  }
}

/** The item lists an entry can carry. */
type ListKey = 'messaging' | 'standby' | 'changes' | 'changed_fields';

const LIST_KEYS: ReadonlySet<string> = new Set<ListKey>([
  'messaging',
  'standby',
  'changes',
  'changed_fields',
]);

function isListKey(key: string): key is ListKey {
  return LIST_KEYS.has(key);
}

/**
 * The context of messaging items of an entry (undefined unless its object is `page` or `instagram`). Built
 * field by field: an object spread of the context here cost more than decoding the item itself.
 */
function messagingContext(ctx: EntryContext, standby: boolean): ListContext | undefined {
  const platform = platformOf(ctx.object);
  if (platform === undefined) return undefined;
  return {
    path: ctx.path,
    object: ctx.object,
    entryId: ctx.entryId,
    time: ctx.time,
    events: ctx.events,
    errors: ctx.errors,
    platform,
    standby,
  };
}

/** Decodes one item list of an entry, whichever it is. */
function decodeList(key: ListKey, list: readonly unknown[], listPath: string, ctx: EntryContext): void {
  if (key === 'changes') return eachGuarded(list, listPath, ctx, decodeChange);
  if (key === 'changed_fields') return eachGuarded(list, listPath, ctx, decodeChangedField);
  const listCtx = messagingContext(ctx, key === 'standby');
  if (listCtx === undefined) {
    if (list.length > 0)
      ctx.errors.push(makeIssue(joinPath(ctx.path, 'object'), '"page" or "instagram"', ctx.object));
    return;
  }
  eachGuarded(list, listPath, listCtx, decodeMessagingItem);
}

/**
 * The fast test of what {@link EntryC} checks (an id, a time if any; the lists are checked one by one later),
 * without io-ts's generic walk: it runs once per entry, which matters on one-event bodies.
 */
function isEntry(u: unknown): u is Entry {
  if (!isRecord(u)) return false;
  const id = u.id;
  const time = u.time;
  // A null time takes the slower codec path, which reads it as absent.
  return (typeof id === 'string' || typeof id === 'number') && (time === undefined || TimeC.is(time));
}

/** One entry: its item lists in the order they appear in the body; a list that is not an array is an issue. */
function decodeEntry(
  entry: unknown,
  path: string,
  object: string,
  events: WebhookEvent[],
  errors: DecodeIssue[],
): void {
  const decoded = isEntry(entry) ? entry : check(EntryC, entry, path, errors);
  if (decoded === undefined) return;
  const e = entry as Item;
  const ctx: EntryContext = {
    path,
    object,
    entryId: typeof decoded.id === 'string' ? decoded.id : String(decoded.id),
    time: entryTimeMs(decoded.time),
    events,
    errors,
    messaging: undefined,
  };
  for (const key of Object.keys(e)) {
    if (!isListKey(key)) continue;
    const list = e[key];
    const listPath = joinPath(path, key);
    if (Array.isArray(list)) decodeList(key, list, listPath, ctx);
    else if (list !== undefined) errors.push(makeIssue(listPath, ItemListC.name, list));
  }
}

function decodeEnvelope(body: unknown, path: string, events: WebhookEvent[], errors: DecodeIssue[]): void {
  if (!isRecord(body)) {
    errors.push(makeIssue(path, 'webhook body: { object: string, entry: array }', body));
    return;
  }
  const envelope =
    typeof body.object === 'string' && Array.isArray(body.entry)
      ? (body as Envelope)
      : check(EnvelopeC, body, path, errors);
  if (envelope === undefined) return;
  eachGuarded(envelope.entry, joinPath(path, 'entry'), { errors }, (item, itemPath) =>
    decodeEntry(item, itemPath, envelope.object, events, errors),
  );
}

/**
 * Decodes a parsed webhook body into typed events and never throws: a malformed item becomes a `DecodeIssue`
 * and its siblings still decode; an item of an unknown kind becomes an `unknown` event. A top-level array of
 * envelopes (the form of some of Meta's samples) is decoded envelope by envelope.
 *
 * @example
 * const { events, errors } = decodeWebhook(JSON.parse(rawBody));
 */
export function decodeWebhook(body: unknown): DecodeResult {
  const events: WebhookEvent[] = [];
  const errors: DecodeIssue[] = [];
  try {
    if (Array.isArray(body)) {
      if (body.length === 0)
        errors.push(makeIssue('', 'webhook body: { object: string, entry: array }', body));
      for (let i = 0; i < body.length; i++) decodeEnvelope(body[i], `[${i}]`, events, errors);
    } else {
      decodeEnvelope(body, '', events, errors);
    }
  } catch (error) {
    errors.push(thrownIssue('', body, error));
  }
  return { events, errors };
}
