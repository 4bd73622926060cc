import type { Attachment } from './codecs/attachments.js';
import type { Command, MentionValue, Message } from './types.js';
import type {
  AccountLinkingEvent,
  ChangeEvent,
  CommentEvent,
  DeliveryEvent,
  EchoEvent,
  EditEvent,
  HandoverEvent,
  LiveCommentEvent,
  MentionEvent,
  MessageEvent,
  OptinEvent,
  PolicyEnforcementEvent,
  PostbackEvent,
  ReactionEvent,
  ReadEvent,
  ReferralEvent,
  StoryInsightsEvent,
  UnknownEvent,
  WebhookEvent,
} from './event.js';
import { jsonOf } from './issues.js';

/** Every query as one tree: a key is a query, its children extend it with `:` (grammY's filter queries). */
export const QUERY_TREE = {
  message: {
    text: {},
    quick_reply: {},
    reply_to: {},
    referral: {},
    commands: {},
    attachments: {
      image: {},
      audio: {},
      video: {},
      file: {},
      fallback: {},
      sticker: {},
      template: {},
      reel: {},
      ig_reel: {},
      share: {},
      story_mention: {},
      post: {},
      ig_post: {},
      location: {},
      appointment_booking: {},
    },
  },
  echo: {},
  postback: {},
  referral: {},
  reaction: {},
  read: {},
  delivery: {},
  optin: {},
  handover: {},
  policy_enforcement: {},
  account_linking: {},
  edit: {},
  mention: { comment: {}, caption: {} },
  comment: {},
  live_comment: {},
  story_insights: {},
  change: {},
  standby: {},
  unknown: {},
} as const;

type Tree = { readonly [key: string]: Tree };

type Flatten<T, Prefix extends string = ''> = {
  [K in keyof T & string]: `${Prefix}${K}` | Flatten<T[K], `${Prefix}${K}:`>;
}[keyof T & string];

/** A query string accepted by `matches`, `predicateFor` and `bot.on()`, e.g. `'message:text'`. */
export type Query = Flatten<typeof QUERY_TREE>;

/** The attachment types that have a `message:attachments:<type>` query. */
export type AttachmentQueryType = keyof typeof QUERY_TREE.message.attachments;

function flatten(tree: Tree, prefix: string): string[] {
  return Object.keys(tree).flatMap((key) => {
    const child = tree[key] ?? {};
    return [`${prefix}${key}`, ...flatten(child, `${prefix}${key}:`)];
  });
}

/** Every permitted query, in tree order. */
export const QUERIES: readonly Query[] = Object.freeze(flatten(QUERY_TREE, '') as Query[]);

const QUERY_SET: ReadonlySet<string> = new Set(QUERIES);

/** True when `s` is one of the permitted queries. */
export function isQuery(s: string): s is Query {
  return QUERY_SET.has(s);
}

/** Thrown for a query string that is not permitted; its message lists the permitted ones. */
export class QueryError extends Error {
  override readonly name = 'QueryError';
  /** The refused query, as given. */
  readonly query: unknown;
  /** The permitted queries. */
  readonly permitted: readonly Query[] = QUERIES;

  constructor(query: unknown) {
    super(`Invalid query ${jsonOf(query)}. Permitted values are: ${QUERIES.join(', ')}.`);
    this.query = query;
  }
}

/** A non-empty array. */
export type NonEmptyArray<T> = [T, ...T[]];

/** `T` with property `K` replaced by `V`. */
type With<T, K extends keyof T, V> = Omit<T, K> & { [P in K]: V };

type MessageWith<K extends keyof Message, V> = With<MessageEvent, 'message', With<Message, K, V>>;

/** A message with at least one attachment. */
type MessageWithAttachments = MessageWith<'attachments', NonEmptyArray<Attachment>>;

/** The event type each query narrows to. */
export interface QueryEventMap {
  message: MessageEvent;
  'message:text': MessageWith<'text', string>;
  'message:quick_reply': MessageWith<'quick_reply', NonNullable<Message['quick_reply']>>;
  'message:reply_to': MessageWith<'reply_to', NonNullable<Message['reply_to']>>;
  'message:referral': MessageWith<'referral', NonNullable<Message['referral']>>;
  'message:commands': MessageWith<'commands', NonEmptyArray<Command>>;
  'message:attachments': MessageWithAttachments;
  echo: EchoEvent;
  postback: PostbackEvent;
  referral: ReferralEvent;
  reaction: ReactionEvent;
  read: ReadEvent;
  delivery: DeliveryEvent;
  optin: OptinEvent;
  handover: HandoverEvent;
  policy_enforcement: PolicyEnforcementEvent;
  account_linking: AccountLinkingEvent;
  edit: EditEvent;
  mention: MentionEvent;
  'mention:comment': With<MentionEvent, 'value', With<MentionValue, 'comment_id', string>>;
  'mention:caption': With<MentionEvent, 'value', With<MentionValue, 'comment_id', undefined>>;
  comment: CommentEvent;
  live_comment: LiveCommentEvent;
  story_insights: StoryInsightsEvent;
  change: ChangeEvent;
  standby: WebhookEvent & { standby: true };
  unknown: UnknownEvent;
}

/** The event type a query narrows to, e.g. `EventFor<'message:text'>` has `message.text: string`. */
export type EventFor<Q extends Query> = Q extends keyof QueryEventMap
  ? QueryEventMap[Q]
  : Q extends `message:attachments:${AttachmentQueryType}`
    ? MessageWithAttachments
    : never;

type Predicate = (event: WebhookEvent) => boolean;

const nonEmpty = (u: unknown): boolean => Array.isArray(u) && u.length > 0;

const isMessage = (e: WebhookEvent): e is MessageEvent => e.type === 'message';

const messageHas =
  (test: (m: Message) => boolean): Predicate =>
  (e) =>
    isMessage(e) && test(e.message);

function attachmentOf(type: string): Predicate {
  return messageHas((m) => {
    const list = m.attachments;
    if (list === undefined) return false;
    for (let i = 0; i < list.length; i++) if (list[i]?.type === type) return true;
    return false;
  });
}

const ofType =
  (type: WebhookEvent['type']): Predicate =>
  (e) =>
    e.type === type;

/** The runtime test of each query, ignoring standby (handled in `build`). */
const BASE: { [Q in Query]: Predicate } = {
  message: isMessage,
  'message:text': messageHas((m) => typeof m.text === 'string'),
  'message:quick_reply': messageHas((m) => m.quick_reply !== undefined),
  'message:reply_to': messageHas((m) => m.reply_to !== undefined),
  'message:referral': messageHas((m) => m.referral !== undefined),
  'message:commands': messageHas((m) => nonEmpty(m.commands)),
  'message:attachments': messageHas((m) => nonEmpty(m.attachments)),
  'message:attachments:image': attachmentOf('image'),
  'message:attachments:audio': attachmentOf('audio'),
  'message:attachments:video': attachmentOf('video'),
  'message:attachments:file': attachmentOf('file'),
  'message:attachments:fallback': attachmentOf('fallback'),
  'message:attachments:sticker': attachmentOf('sticker'),
  'message:attachments:template': attachmentOf('template'),
  'message:attachments:reel': attachmentOf('reel'),
  'message:attachments:ig_reel': attachmentOf('ig_reel'),
  'message:attachments:share': attachmentOf('share'),
  'message:attachments:story_mention': attachmentOf('story_mention'),
  'message:attachments:post': attachmentOf('post'),
  'message:attachments:ig_post': attachmentOf('ig_post'),
  'message:attachments:location': attachmentOf('location'),
  'message:attachments:appointment_booking': attachmentOf('appointment_booking'),
  echo: ofType('echo'),
  postback: ofType('postback'),
  referral: ofType('referral'),
  reaction: ofType('reaction'),
  read: ofType('read'),
  delivery: ofType('delivery'),
  optin: ofType('optin'),
  handover: ofType('handover'),
  policy_enforcement: ofType('policy_enforcement'),
  account_linking: ofType('account_linking'),
  edit: ofType('edit'),
  mention: ofType('mention'),
  'mention:comment': (e) => e.type === 'mention' && typeof e.value.comment_id === 'string',
  'mention:caption': (e) => e.type === 'mention' && e.value.comment_id === undefined,
  comment: ofType('comment'),
  live_comment: ofType('live_comment'),
  story_insights: ofType('story_insights'),
  change: ofType('change'),
  standby: (e) => e.standby,
  unknown: ofType('unknown'),
};

/** Wraps a base test so that standby events match only the `standby` query. */
function single(query: Query): Predicate {
  const test = BASE[query];
  return query === 'standby' ? test : (e) => !e.standby && test(e);
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
