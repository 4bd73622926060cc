import type { Attachment } from './codecs/attachments.js';
import { ATTACHMENT_TYPES, attachmentOf } from './attachments.js';
import type { AttachmentQueryType } from './attachments.js';
import type { Command, MentionValue, Message } from './types.js';
import type { MentionEvent, MessageEvent, OptinEvent, OptoutEvent, WebhookEvent } from './event.js';
import { jsonOf } from './json.js';
import { EVENT_TYPES } from './kinds.js';
import type { EventType } from './kinds.js';
import { MessengerRxError } from '../errors/base.js';
import type { MessengerRxErrorCode } from '../errors/codes.js';

/** A query tree: a key is a query, its children extend it with `:`. */
type Tree = { readonly [key: string]: Tree };

/** A query with no refinements. */
type Leaf = Record<never, never>;

/** The refinements of the kinds that have some; every other event type is a leaf query of its own. */
const REFINEMENTS = {
  message: {
    text: {},
    quick_reply: {},
    reply_to: {},
    referral: {},
    commands: {},
    attachments: Object.fromEntries(Object.keys(ATTACHMENT_TYPES).map((type) => [type, {}])) as {
      readonly [A in AttachmentQueryType]: Leaf;
    },
    deleted: {},
    unsupported: {},
    self: {},
  },
  mention: { comment: {}, caption: {} },
} as const;

/** The top-level queries: every event type of the kinds table, then `standby`. */
type TopQuery = EventType | 'standby';

/** The shape of {@link QUERY_TREE}, derived from the kinds table and the refinements. */
type QueryTree = {
  readonly [T in TopQuery]: T extends keyof typeof REFINEMENTS ? (typeof REFINEMENTS)[T] : Leaf;
};

/**
 * Every query as one tree (grammY's filter queries): one top-level query per event type of the kinds table
 * (kinds.ts) plus `standby`, and the refinements of `message` and `mention`.
 */
export const QUERY_TREE: QueryTree = Object.fromEntries(
  [...EVENT_TYPES, 'standby'].map((type) => [
    type,
    Object.prototype.hasOwnProperty.call(REFINEMENTS, type)
      ? REFINEMENTS[type as keyof typeof REFINEMENTS]
      : {},
  ]),
) as QueryTree;

type Flatten<T, Prefix extends string = ''> = {
  [K in keyof T & string]: `${Prefix}${K}` | Flatten<T[K], `${Prefix}${K}:`>;
}[keyof T & string];

/** A query of the tree, without a platform: `'message:text'`, `'postback'`, ... */
export type BaseQuery = Flatten<QueryTree>;

/** The platforms a query can be limited to with a prefix: `'instagram:message:text'`. */
export const QUERY_PLATFORMS = ['messenger', 'instagram'] as const;

/** A platform of {@link QUERY_PLATFORMS}. */
export type QueryPlatform = (typeof QUERY_PLATFORMS)[number];

/**
 * A query string accepted by `matches`, `predicateFor` and `bot.on()`: a query of the tree (`'message:text'`),
 * or one limited to a platform by a prefix (`'instagram:message:text'`, `'messenger:postback'`).
 */
export type Query = BaseQuery | `${QueryPlatform}:${BaseQuery}`;

export type { AttachmentQueryType };

function flatten(tree: Tree, prefix: string): string[] {
  return Object.keys(tree).flatMap((key) => {
    const child = tree[key] ?? {};
    return [`${prefix}${key}`, ...flatten(child, `${prefix}${key}:`)];
  });
}

/** Every query of the tree, in tree order (each may also take a platform prefix, see {@link Query}). */
export const QUERIES: readonly BaseQuery[] = Object.freeze(flatten(QUERY_TREE, '') as BaseQuery[]);

const QUERY_SET: ReadonlySet<string> = new Set(QUERIES);

/** The platform prefix of a query and the query of the tree after it (no platform: `undefined`). */
function splitPlatform(s: string): [QueryPlatform | undefined, string] {
  for (const platform of QUERY_PLATFORMS) {
    if (s.startsWith(`${platform}:`)) return [platform, s.slice(platform.length + 1)];
  }
  return [undefined, s];
}

/** True when `s` is one of the permitted queries, with or without a platform prefix. */
export function isQuery(s: string): s is Query {
  return QUERY_SET.has(splitPlatform(s)[1]);
}

/** Thrown for a query string that is not permitted; its message lists the permitted ones. */
export class QueryError extends MessengerRxError {
  override readonly name = 'QueryError';
  readonly code = 'ERR_QUERY' satisfies MessengerRxErrorCode;
  /** The refused query, as given. */
  readonly query: unknown;
  /** The permitted queries of the tree (each may also take a platform prefix). */
  readonly permitted: readonly BaseQuery[] = QUERIES;

  constructor(query: unknown) {
    super(
      `Invalid query ${jsonOf(query)}. Permitted values are: ${QUERIES.join(', ')}` +
        ` (each may be prefixed with ${QUERY_PLATFORMS.map((p) => `${p}:`).join(' or ')}).`,
    );
    this.query = query;
  }
}

/** A non-empty array. */
export type NonEmptyArray<T> = [T, ...T[]];

/** `T` with property `K` replaced by `V`. */
type With<T, K extends keyof T, V> = Omit<T, K> & { [P in K]: V };

/** `T` without property `K`: reading it gives `undefined`, and `T` still accepts the result. */
type Without<T, K extends keyof T> = Omit<T, K> & { [P in K]?: never };

type MessageWith<K extends keyof Message, V> = With<MessageEvent, 'message', With<Message, K, V>>;

/** A message with at least one attachment. */
type MessageWithAttachments = MessageWith<'attachments', NonEmptyArray<Attachment>>;

/** The `notification_messages_status` of a marketing-messages opt-out. */
const STOP = 'STOP NOTIFICATIONS';

/** An optin that is in fact a marketing-messages opt-out (`notification_messages_status: STOP NOTIFICATIONS`). */
export type StopOptinEvent = With<
  OptinEvent,
  'optin',
  With<OptinEvent['optin'], 'notification_messages_status', typeof STOP>
>;

/** The refinement queries (`message:text`, `mention:comment`, ...), attachment types aside. */
type RefinementQuery = Exclude<BaseQuery, TopQuery | `message:attachments:${string}`>;

/** The event type each refinement narrows to; a missing or extra key fails the check below. */
interface RefinementEvents {
  'message:text': MessageWith<'text', string>;
  'message:quick_reply': MessageWith<'quick_reply', NonNullable<Message['quick_reply']>>;
  'message:reply_to': MessageWith<'reply_to', NonNullable<Message['reply_to']>>;
  'message:referral': MessageWith<'referral', NonNullable<Message['referral']>>;
  'message:commands': MessageWith<'commands', NonEmptyArray<Command>>;
  'message:attachments': MessageWithAttachments;
  'message:deleted': MessageWith<'is_deleted', true>;
  'message:unsupported': MessageWith<'is_unsupported', true>;
  'message:self': MessageWith<'is_self', true>;
  'mention:comment': With<MentionEvent, 'value', With<MentionValue, 'comment_id', string>>;
  'mention:caption': With<MentionEvent, 'value', Without<MentionValue, 'comment_id'>>;
}

/** The event type of a top-level query: the events of that type (`optout` also takes stop optins). */
type TopEvent<T extends TopQuery> = T extends 'standby'
  ? WebhookEvent & { standby: true }
  : T extends 'optout'
    ? OptoutEvent | StopOptinEvent
    : Extract<WebhookEvent, { type: T }>;

/** The event type a query narrows to, e.g. `EventFor<'message:text'>` has `message.text: string`. */
export type EventFor<Q extends Query> =
  Q extends `${infer P extends QueryPlatform}:${infer B extends BaseQuery}`
    ? BaseEventFor<B> & { platform: P }
    : Q extends BaseQuery
      ? BaseEventFor<Q>
      : never;

/** The event type a query of the tree narrows to. */
type BaseEventFor<Q extends BaseQuery> = Q extends TopQuery
  ? TopEvent<Q>
  : Q extends keyof RefinementEvents
    ? RefinementEvents[Q]
    : Q extends `message:attachments:${AttachmentQueryType}`
      ? MessageWithAttachments
      : never;

/** The event type of every query (the map behind {@link EventFor}). */
export type QueryEventMap = { [Q in Query]: EventFor<Q> };

/** Compiles only when `T` is `true`. */
type Assert<T extends true> = T;
/** True when A and B are the same union of string literals. */
type SameKeys<A, B> = [Exclude<A, B> | Exclude<B, A>] extends [never] ? true : false;
/** The queries whose event type came out `never` (there must be none). */
type NeverQueries = { [Q in BaseQuery]: [EventFor<Q>] extends [never] ? Q : never }[BaseQuery];

/**
 * Compile-time checks of the tables: every event type has a query, every refinement an event type, and no
 * query narrows to `never` (each codec of the kinds table is checked by the table's own `satisfies`).
 */
export type QueryTableChecks = [
  Assert<[Exclude<WebhookEvent['type'], Query>] extends [never] ? true : false>,
  Assert<SameKeys<keyof RefinementEvents, RefinementQuery>>,
  Assert<[NeverQueries] extends [never] ? true : false>,
];

type Predicate = (event: WebhookEvent) => boolean;

const nonEmpty = (u: unknown): boolean => Array.isArray(u) && u.length > 0;

/** A message a bot answers: received (not an echo) and neither unsent nor unsupported (Instagram flags). */
const isMessage = (e: WebhookEvent): e is MessageEvent =>
  e.type === 'message' && e.message.is_deleted !== true && e.message.is_unsupported !== true;

const messageHas =
  (test: (m: Message) => boolean): Predicate =>
  (e) =>
    isMessage(e) && test(e.message);

const isStopOptin = (e: WebhookEvent): boolean =>
  e.type === 'optin' && e.optin.notification_messages_status === STOP;

const ofType =
  (type: WebhookEvent['type']): Predicate =>
  (e) =>
    e.type === type;

/** Top-level queries whose test is more than "the event has this type". */
const TOP_TESTS: Partial<Record<TopQuery, Predicate>> = {
  message: isMessage,
  optin: (e) => e.type === 'optin' && !isStopOptin(e),
  optout: (e) => e.type === 'optout' || isStopOptin(e),
  standby: (e) => e.standby,
};

/** The runtime test of each refinement; the mapped type makes a missing one a compile error. */
const REFINEMENT_TESTS: { [Q in RefinementQuery]: Predicate } = {
  'message:text': messageHas((m) => typeof m.text === 'string'),
  'message:quick_reply': messageHas((m) => m.quick_reply !== undefined),
  'message:reply_to': messageHas((m) => m.reply_to !== undefined),
  'message:referral': messageHas((m) => m.referral !== undefined),
  'message:commands': messageHas((m) => nonEmpty(m.commands)),
  'message:attachments': messageHas((m) => nonEmpty(m.attachments)),
  'message:deleted': (e) => e.type === 'message' && e.message.is_deleted === true,
  'message:unsupported': (e) => e.type === 'message' && e.message.is_unsupported === true,
  'message:self': messageHas((m) => m.is_self === true),
  'mention:comment': (e) => e.type === 'mention' && typeof e.value.comment_id === 'string',
  'mention:caption': (e) => e.type === 'mention' && e.value.comment_id === undefined,
};

/** The runtime test of every query, ignoring standby (handled in `single`), derived from the tables above. */
const BASE: ReadonlyMap<string, Predicate> = new Map<string, Predicate>([
  ...QUERIES.filter((q) => !q.includes(':')).map((q): [string, Predicate] => [
    q,
    TOP_TESTS[q as TopQuery] ?? ofType(q as WebhookEvent['type']),
  ]),
  ...(Object.entries(REFINEMENT_TESTS) as [string, Predicate][]),
  ...(Object.keys(ATTACHMENT_TYPES) as AttachmentQueryType[]).map((type): [string, Predicate] => [
    `message:attachments:${type}`,
    (e) => isMessage(e) && attachmentOf(e, type) !== undefined,
  ]),
]);

/** Wraps a base test so that standby events match only the `standby` query. */
function single(query: Query): Predicate {
  const [platform, base] = splitPlatform(query);
  const test = BASE.get(base) ?? (() => false);
  const unscoped: Predicate = base === 'standby' ? test : (e) => !e.standby && test(e);
  return platform === undefined ? unscoped : (e) => e.platform === platform && unscoped(e);
}

/** Validated predicates: of single queries by the query, of query lists by their JSON (the two never mix). */
const singles = new Map<string, Predicate>();
const lists = new Map<string, Predicate>();

function validate(query: unknown): Query {
  if (typeof query !== 'string' || !isQuery(query)) throw new QueryError(query);
  return query;
}

function singlePredicate(query: unknown): Predicate {
  const cached = typeof query === 'string' ? singles.get(query) : undefined;
  if (cached !== undefined) return cached;
  const valid = validate(query);
  const predicate = single(valid);
  singles.set(valid, predicate);
  return predicate;
}

function listPredicate(queries: readonly unknown[]): Predicate {
  const key = jsonOf(queries);
  const cached = lists.get(key);
  if (cached !== undefined) return cached;
  if (queries.length === 0) throw new QueryError(queries);
  const tests = queries.map(singlePredicate);
  const [first] = tests;
  const predicate: Predicate =
    tests.length === 1 && first !== undefined ? first : (e) => tests.some((test) => test(e));
  lists.set(key, predicate);
  return predicate;
}

/**
 * The cached predicate of one query or of several (any of them); validates the queries once and throws
 * `QueryError`, naming the permitted values, for an unknown one.
 *
 * @example
 * const isText = predicateFor('message:text');
 * events.filter(isText).map((e) => e.message.text);
 */
export function predicateFor<Q extends Query>(
  query: Q | readonly Q[],
): (event: WebhookEvent) => event is EventFor<Q> {
  const predicate = Array.isArray(query)
    ? listPredicate(query as readonly unknown[])
    : singlePredicate(query);
  return predicate as (event: WebhookEvent) => event is EventFor<Q>;
}

/**
 * True when `event` matches `query` (the predicate `bot.on()` uses), narrowing the event type; standby events
 * match only `'standby'` and echoes only `'echo'`. Throws `QueryError` for an unknown query.
 */
export function matches<Q extends Query>(query: Q, event: WebhookEvent): event is EventFor<Q> {
  return predicateFor(query)(event);
}
