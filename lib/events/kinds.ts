/**
 * The one table of event kinds. Each messaging key and each typed change field is listed once, with the event
 * `type` it decodes to and the codec of its value; the decoder's dispatch, the event types (event.ts), the
 * queries (queries.ts) and the Botkit names (botkit/names.ts) are all derived from here, so a kind added here
 * gets all four, and a row without a codec does not compile.
 */
import * as t from 'io-ts';
import { CommentValueC, MentionValueC, StoryInsightsValueC } from './codecs/changes.js';
import { ParticipantC, TimeC, optionalProps } from './codecs/common.js';
import {
  AccountLinkingC,
  AppRolesC,
  DeliveryC,
  GamePlayC,
  MessageC,
  MessageEditC,
  MessagingFeedbackC,
  OptinC,
  OptoutC,
  PassThreadControlC,
  PolicyEnforcementC,
  PostbackC,
  ReactionC,
  ReadC,
  ReferralEventC,
  RequestThreadControlC,
  ResponseFeedbackC,
  TakeThreadControlC,
} from './codecs/messaging.js';

/** One row of the messaging table: the event `type`, the codec of the key's value, and whether `sender` is required. */
interface MessagingKindRow {
  readonly type: string;
  readonly codec: t.Mixed;
  readonly sender: boolean;
}

/**
 * Every messaging key (`entry[].messaging[]` / `standby[]` item, or the `value` of a messaging `{field, value}`
 * change), in the order the decoder looks for them: the first key present picks the row. `sender: false` marks
 * the kinds Meta sends without a sender (checkbox optins, policy enforcement, app roles). A `message` with
 * `is_echo` becomes an `echo` event.
 */
export const MESSAGING_KINDS = {
  message: { type: 'message', codec: MessageC, sender: true },
  postback: { type: 'postback', codec: PostbackC, sender: true },
  reaction: { type: 'reaction', codec: ReactionC, sender: true },
  read: { type: 'read', codec: ReadC, sender: true },
  delivery: { type: 'delivery', codec: DeliveryC, sender: true },
  message_edit: { type: 'edit', codec: MessageEditC, sender: true },
  referral: { type: 'referral', codec: ReferralEventC, sender: true },
  optin: { type: 'optin', codec: OptinC, sender: false },
  optout: { type: 'optout', codec: OptoutC, sender: false },
  pass_thread_control: { type: 'handover', codec: PassThreadControlC, sender: true },
  take_thread_control: { type: 'handover', codec: TakeThreadControlC, sender: true },
  request_thread_control: { type: 'handover', codec: RequestThreadControlC, sender: true },
  app_roles: { type: 'handover', codec: AppRolesC, sender: false },
  policy_enforcement: { type: 'policy_enforcement', codec: PolicyEnforcementC, sender: false },
  account_linking: { type: 'account_linking', codec: AccountLinkingC, sender: true },
  game_play: { type: 'game_play', codec: GamePlayC, sender: true },
  messaging_feedback: { type: 'messaging_feedback', codec: MessagingFeedbackC, sender: true },
  response_feedback: { type: 'response_feedback', codec: ResponseFeedbackC, sender: true },
} as const satisfies Record<string, MessagingKindRow>;

/** A messaging key the decoder dispatches on (`message`, `postback`, `game_play`, ...). */
export type MessagingKey = keyof typeof MESSAGING_KINDS;

/** The row of one messaging key. */
export type MessagingRow<K extends MessagingKey> = (typeof MESSAGING_KINDS)[K];

/**
 * Older spellings of a key, decoded as the key they stand for (the event carries the current name; `raw` keeps
 * the original): `policy-enforcement` is how captures of the older platform spell `policy_enforcement`.
 */
export const MESSAGING_KEY_ALIASES = {
  'policy-enforcement': 'policy_enforcement',
} as const satisfies Record<string, MessagingKey>;

/** The keys the decoder looks for, in table order, then the aliases. */
export const MESSAGING_KEYS: readonly (MessagingKey | keyof typeof MESSAGING_KEY_ALIASES)[] = [
  ...(Object.keys(MESSAGING_KINDS) as MessagingKey[]),
  ...(Object.keys(MESSAGING_KEY_ALIASES) as (keyof typeof MESSAGING_KEY_ALIASES)[]),
];

/**
 * A time that may be absent (or `null`): Meta's own samples omit `timestamp` on some kinds (deliveries, feedback
 * forms); the decoder falls back to the entry's time.
 */
const OptionalTimeC = new t.Type<
  number | string | null | undefined,
  number | string | null | undefined,
  unknown
>(
  `${TimeC.name} | undefined`,
  (u): u is number | string | null | undefined => u === undefined || u === null || TimeC.is(u),
  (u, c) => (u === undefined || u === null || TimeC.is(u) ? t.success(u) : t.failure(u, c)),
  (a) => a,
);

/** The codec of a whole item of key `K`: its participants, an optional time and the key's value. */
type ItemCodec<K extends MessagingKey> = t.Type<
  {
    sender?: t.TypeOf<typeof ParticipantC>;
    recipient: t.TypeOf<typeof ParticipantC>;
    timestamp?: number | string | null;
  } & {
    [P in K]: t.TypeOf<MessagingRow<K>['codec']>;
  },
  unknown,
  unknown
>;

function itemCodec<K extends MessagingKey>(key: K): ItemCodec<K> {
  const row: MessagingKindRow = MESSAGING_KINDS[key];
  const name = `${key} item`;
  const codec = row.sender
    ? t.type(
        { sender: ParticipantC, recipient: ParticipantC, timestamp: OptionalTimeC, [key]: row.codec },
        name,
      )
    : t.intersection(
        [
          t.type({ recipient: ParticipantC, timestamp: OptionalTimeC, [key]: row.codec }),
          optionalProps({ sender: ParticipantC }),
        ],
        name,
      );
  return codec as unknown as ItemCodec<K>;
}

/** Whole messaging items, one codec per key, built from {@link MESSAGING_KINDS}. */
export const MessagingItemC: { readonly [K in MessagingKey]: ItemCodec<K> } = Object.fromEntries(
  (Object.keys(MESSAGING_KINDS) as MessagingKey[]).map((key) => [key, itemCodec(key)]),
) as unknown as { readonly [K in MessagingKey]: ItemCodec<K> };

/** The decoded item for one messaging key. */
export type MessagingItem<K extends MessagingKey> = t.TypeOf<ItemCodec<K>>;

/** Every typed change field of `object: instagram`, with the event `type` and the codec of its `value`. */
export const CHANGE_KINDS = {
  mentions: { type: 'mention', codec: MentionValueC },
  comments: { type: 'comment', codec: CommentValueC },
  live_comments: { type: 'live_comment', codec: CommentValueC },
  story_insights: { type: 'story_insights', codec: StoryInsightsValueC },
} as const satisfies Record<string, { readonly type: string; readonly codec: t.Mixed }>;

/** A typed change field (`mentions`, `comments`, ...). */
export type ChangeField = keyof typeof CHANGE_KINDS;

/**
 * The webhook fields whose `{field, value}` change carries one messaging item as its `value`: what the App
 * Dashboard's "Test" button sends, what some Instagram-Login apps receive, and Messenger's documented form of
 * `messaging_postbacks`. Such a value decodes exactly like a `messaging[]` item (same key dispatch, same events);
 * `raw` is the whole change. Both spellings of the Instagram and Messenger field names are listed.
 */
export const MESSAGING_FIELDS: ReadonlySet<string> = new Set([
  'messages',
  'message_echoes',
  'message_edits',
  'message_reactions',
  'message_reads',
  'message_deliveries',
  'messaging_seen',
  'messaging_postbacks',
  'messaging_referral',
  'messaging_referrals',
  'messaging_optins',
  'messaging_optouts',
  'messaging_handover',
  'messaging_handovers',
  'messaging_policy_enforcement',
  'messaging_account_linking',
  'messaging_game_plays',
  'messaging_feedback',
  'response_feedback',
]);

/** The event types that come from change lists: the typed Instagram changes and the generic `change`. */
export type ChangeEventType = (typeof CHANGE_KINDS)[ChangeField]['type'] | 'change';

/** Every event `type`, derived from the tables: the messaging kinds, `echo`, the changes, `change`, `unknown`. */
export type EventType = MessagingRow<MessagingKey>['type'] | 'echo' | ChangeEventType | 'unknown';

function unique<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}

/** The change event types, in table order, then `change`. */
export const CHANGE_EVENT_TYPES: readonly ChangeEventType[] = [
  ...unique(Object.values(CHANGE_KINDS).map((row) => row.type)),
  'change',
];

/** Every event type in table order (messaging kinds with `echo` after `message`, changes, `unknown`). */
export const EVENT_TYPES: readonly EventType[] = unique<EventType>([
  'message',
  'echo',
  ...Object.values(MESSAGING_KINDS).map((row) => row.type),
  ...CHANGE_EVENT_TYPES,
  'unknown',
]);
