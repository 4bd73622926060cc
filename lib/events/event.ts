import type * as t from 'io-ts';
import type { Participant } from './codecs/common.js';
import { CHANGE_EVENT_TYPES } from './kinds.js';
import type { CHANGE_KINDS, ChangeField, MessagingKey, MessagingRow } from './kinds.js';
import type * as Meta from './types.js';

export type { Participant };

/** The platform of a messaging item: `'messenger'` for `object: page`, `'instagram'` for `object: instagram`. */
export type MessagingPlatform = 'messenger' | 'instagram';

/** What every event carries beside Meta's own fields. */
export interface EventBase<T extends string, P extends string> {
  /** The event kind, the union's discriminant. */
  type: T;
  /** `'messenger'` / `'instagram'`, or for app-level changes the envelope's `object` (e.g. `'user'`). */
  platform: P;
  /** True when the item came in `entry[].standby[]` (another app owns the thread). */
  standby: boolean;
  /** `entry[].id`: the page, IG account or app-level object id. */
  entryId: string;
  /** When it happened, epoch milliseconds (`timestamp` for messaging, `entry.time` for changes; seconds converted). */
  time: number;
  /** The item exactly as received (same object reference). */
  raw: unknown;
  /** Ordering key: `platform:account:user` for messaging, `platform:entryId` for changes. */
  conversation: string;
}

/** Fields of every messaging event with a sender. */
export interface MessagingBase<T extends string> extends EventBase<T, MessagingPlatform> {
  /** The user inbound; the page or IG account on an echo. */
  sender: Participant;
  /** The page or IG account inbound; the user on an echo. */
  recipient: Participant;
  /** Meta's `timestamp` in epoch milliseconds (seconds and numeric strings converted; the entry's time if absent). */
  timestamp: number;
}

/** Fields of the messaging events Meta sends without a `sender` (optin, policy enforcement, app roles). */
export interface SenderlessMessagingBase<T extends string> extends EventBase<T, MessagingPlatform> {
  /** Absent on checkbox optins, policy enforcement and app_roles. */
  sender?: Participant;
  /** The page or IG account. */
  recipient: Participant;
  /** Meta's `timestamp` in epoch milliseconds (seconds and numeric strings converted; the entry's time if absent). */
  timestamp: number;
}

/**
 * The event of one messaging key of {@link MESSAGING_KINDS}: the library's fields (with `sender` optional where the
 * table says Meta may omit it) beside Meta's key and its decoded value. Every messaging event type is one of these.
 */
export type KindEvent<
  K extends MessagingKey,
  T extends string = MessagingRow<K>['type'],
> = (MessagingRow<K>['sender'] extends true ? MessagingBase<T> : SenderlessMessagingBase<T>) & {
  [P in K]: t.TypeOf<MessagingRow<K>['codec']>;
};

/** A message a user sent (not an echo). */
export type MessageEvent = KindEvent<'message'>;

/** A message the page or IG account itself sent (`message.is_echo: true`). */
export type EchoEvent = MessagingBase<'echo'> & { message: Meta.Message & { is_echo: true } };

/** A tapped postback button, ice breaker or Get Started. */
export type PostbackEvent = KindEvent<'postback'>;

/** An existing thread reopened from an m.me / ig.me link, an ad or the chat plugin. */
export type ReferralEvent = KindEvent<'referral'>;

/** A reaction added to or removed from a message. */
export type ReactionEvent = KindEvent<'reaction'>;

/** Messages read up to a watermark (Messenger) or seen by `mid` (Instagram). */
export type ReadEvent = KindEvent<'read'>;

/** Messages delivered up to a watermark. */
export type DeliveryEvent = KindEvent<'delivery'>;

/** An opt-in (marketing messages or checkbox plugin); the checkbox form has no `sender`. */
export type OptinEvent = KindEvent<'optin'>;

/** A marketing-messages opt-out item (`messaging_optouts`; Meta publishes no shape, so its fields are loose). */
export type OptoutEvent = KindEvent<'optout'>;

/** Thread control passed to this app. */
export type PassThreadControlEvent = KindEvent<'pass_thread_control'>;

/** Thread control taken from this app. */
export type TakeThreadControlEvent = KindEvent<'take_thread_control'>;

/** Another app requests thread control. */
export type RequestThreadControlEvent = KindEvent<'request_thread_control'>;

/** The app roles of the page changed (no `sender`). */
export type AppRolesEvent = KindEvent<'app_roles'>;

/** A handover protocol event; test which of Meta's keys is present with `in`. */
export type HandoverEvent =
  PassThreadControlEvent | TakeThreadControlEvent | RequestThreadControlEvent | AppRolesEvent;

/** A warning, block or unblock of the page for a policy violation (no `sender`). */
export type PolicyEnforcementEvent = KindEvent<'policy_enforcement'>;

/** A user linked or unlinked their account. */
export type AccountLinkingEvent = KindEvent<'account_linking'>;

/** A user edited a message (`message_edit.num_edit` is always a number here). */
export type EditEvent = KindEvent<'message_edit'>;

/** A round of an Instant Game ended (`messaging_game_plays`). */
export type GamePlayEvent = KindEvent<'game_play'>;

/** A user submitted a customer feedback form (`messaging_feedback`); answers are keyed by question id. */
export type MessagingFeedbackEvent = KindEvent<'messaging_feedback'>;

/** A user rated a message the app sent, thumbs up or down (`response_feedback`). */
export type ResponseFeedbackEvent = KindEvent<'response_feedback'>;

/** A messaging item of a kind the library does not know (`send_cart`, retired payment kinds, ...); see `raw`. */
export interface UnknownEvent extends EventBase<'unknown', MessagingPlatform> {
  /** Present when the item had a well-formed `sender`. */
  sender?: Participant;
  /** Present when the item had a well-formed `recipient`. */
  recipient?: Participant;
  /** Present when the item had a `timestamp` (converted to epoch ms). */
  timestamp?: number;
  /** The item's first key other than sender / recipient / timestamp (e.g. `'send_cart'`), if any. */
  key: string | undefined;
}

/** Fields of every change event. */
export interface ChangeBase<T extends string, P extends string> extends EventBase<T, P> {
  /** Meta's `field` (e.g. `'mentions'`, `'photos'`). */
  field: string;
}

/** The event of one typed change field of {@link CHANGE_KINDS}: its `field` and decoded `value`. */
export type ChangeKindEvent<F extends ChangeField> = ChangeBase<
  (typeof CHANGE_KINDS)[F]['type'],
  'instagram'
> & {
  field: F;
  value: t.TypeOf<(typeof CHANGE_KINDS)[F]['codec']>;
};

/**
 * An Instagram `mentions` change (Facebook Login): the account was @mentioned in a caption or a comment.
 * Under Instagram Login Meta sends no `mentions` field; a mention then arrives as a {@link CommentEvent}.
 */
export type MentionEvent = ChangeKindEvent<'mentions'>;

/** An Instagram `comments` change (under Instagram Login also how @mentions of the account arrive). */
export type CommentEvent = ChangeKindEvent<'comments'>;

/** An Instagram `live_comments` change. */
export type LiveCommentEvent = ChangeKindEvent<'live_comments'>;

/** An Instagram `story_insights` change (counts may be -1). */
export type StoryInsightsEvent = ChangeKindEvent<'story_insights'>;

/** Any other `changes[]` item (raw `value`), or one field of a `changed_fields` entry (no `value`). */
export interface ChangeEvent extends ChangeBase<'change', string> {
  value?: unknown;
}

/** Every event decoded from `entry[].messaging[]` / `entry[].standby[]` (or a messaging `{field, value}` change). */
export type MessagingEvent = { [K in MessagingKey]: KindEvent<K> }[MessagingKey] | EchoEvent | UnknownEvent;

/** Every event decoded from `entry[].changes[]` / `entry[].changed_fields[]` (other than messaging values). */
export type ChangeItemEvent = { [F in ChangeField]: ChangeKindEvent<F> }[ChangeField] | ChangeEvent;

/** A decoded webhook event, discriminated by `type`. */
export type WebhookEvent = MessagingEvent | ChangeItemEvent;

/** The `type` of a webhook event. */
export type WebhookEventType = WebhookEvent['type'];

const CHANGE_TYPES: ReadonlySet<string> = new Set<string>(CHANGE_EVENT_TYPES);

/** Returns true for events that came from `messaging[]` or `standby[]` (false for change events). */
export function isMessagingEvent(event: WebhookEvent): event is MessagingEvent {
  return !CHANGE_TYPES.has(event.type);
}
