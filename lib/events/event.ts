import type { Participant } from './codecs/common.js';
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
  /** When it happened, epoch milliseconds (`timestamp` for messaging, `entry.time` for changes). */
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
  /** Meta's `timestamp`, epoch milliseconds. */
  timestamp: number;
}

/** Fields of the messaging events Meta sends without a `sender` (optin, policy enforcement, app roles). */
export interface SenderlessMessagingBase<T extends string> extends EventBase<T, MessagingPlatform> {
  /** Absent on checkbox optins, policy enforcement and app_roles. */
  sender?: Participant;
  /** The page or IG account. */
  recipient: Participant;
  /** Meta's `timestamp`, epoch milliseconds. */
  timestamp: number;
}

/** A message a user sent (not an echo). */
export interface MessageEvent extends MessagingBase<'message'> {
  message: Meta.Message;
}

/** A message the page or IG account itself sent (`message.is_echo: true`). */
export interface EchoEvent extends MessagingBase<'echo'> {
  message: Meta.Message & { is_echo: true };
}

/** A tapped postback button, ice breaker or Get Started. */
export interface PostbackEvent extends MessagingBase<'postback'> {
  postback: Meta.Postback;
}

/** An existing thread reopened from an m.me / ig.me link, an ad or the chat plugin. */
export interface ReferralEvent extends MessagingBase<'referral'> {
  referral: Meta.ReferralData;
}

/** A reaction added to or removed from a message. */
export interface ReactionEvent extends MessagingBase<'reaction'> {
  reaction: Meta.Reaction;
}

/** Messages read up to a watermark (Messenger) or seen by `mid` (Instagram). */
export interface ReadEvent extends MessagingBase<'read'> {
  read: Meta.Read;
}

/** Messages delivered up to a watermark. */
export interface DeliveryEvent extends MessagingBase<'delivery'> {
  delivery: Meta.Delivery;
}

/** An opt-in (marketing messages or checkbox plugin); the checkbox form has no `sender`. */
export interface OptinEvent extends SenderlessMessagingBase<'optin'> {
  optin: Meta.Optin;
}

/** Thread control passed to this app. */
export interface PassThreadControlEvent extends MessagingBase<'handover'> {
  pass_thread_control: Meta.PassThreadControl;
}

/** Thread control taken from this app. */
export interface TakeThreadControlEvent extends MessagingBase<'handover'> {
  take_thread_control: Meta.TakeThreadControl;
}

/** Another app requests thread control. */
export interface RequestThreadControlEvent extends MessagingBase<'handover'> {
  request_thread_control: Meta.RequestThreadControl;
}

/** The app roles of the page changed (no `sender`). */
export interface AppRolesEvent extends SenderlessMessagingBase<'handover'> {
  app_roles: Meta.AppRoles;
}

/** A handover protocol event; test which of Meta's keys is present with `in`. */
export type HandoverEvent =
  PassThreadControlEvent | TakeThreadControlEvent | RequestThreadControlEvent | AppRolesEvent;

/** A warning, block or unblock of the page for a policy violation (no `sender`). */
export interface PolicyEnforcementEvent extends SenderlessMessagingBase<'policy_enforcement'> {
  policy_enforcement: Meta.PolicyEnforcement;
}

/** A user linked or unlinked their account. */
export interface AccountLinkingEvent extends MessagingBase<'account_linking'> {
  account_linking: Meta.AccountLinking;
}

/** A user edited a message (`message_edit.num_edit` is always a number here). */
export interface EditEvent extends MessagingBase<'edit'> {
  message_edit: Meta.MessageEdit;
}

/** A messaging item of a kind the library does not know (`messaging_feedback`, `game_play`, ...); see `raw`. */
export interface UnknownEvent extends EventBase<'unknown', MessagingPlatform> {
  /** Present when the item had a well-formed `sender`. */
  sender?: Participant;
  /** Present when the item had a well-formed `recipient`. */
  recipient?: Participant;
  /** Present when the item had a numeric `timestamp`. */
  timestamp?: number;
  /** The item's first key other than sender / recipient / timestamp (e.g. `'messaging_feedback'`), if any. */
  key: string | undefined;
}

/** Fields of every change event. */
export interface ChangeBase<T extends string, P extends string> extends EventBase<T, P> {
  /** Meta's `field` (e.g. `'mentions'`, `'photos'`). */
  field: string;
}

/**
 * An Instagram `mentions` change (Facebook Login): the account was @mentioned in a caption or a comment.
 * Under Instagram Login Meta sends no `mentions` field; a mention then arrives as a {@link CommentEvent}.
 */
export interface MentionEvent extends ChangeBase<'mention', 'instagram'> {
  field: 'mentions';
  value: Meta.MentionValue;
}

/** An Instagram `comments` change (under Instagram Login also how @mentions of the account arrive). */
export interface CommentEvent extends ChangeBase<'comment', 'instagram'> {
  field: 'comments';
  value: Meta.CommentValue;
}

/** An Instagram `live_comments` change. */
export interface LiveCommentEvent extends ChangeBase<'live_comment', 'instagram'> {
  field: 'live_comments';
  value: Meta.CommentValue;
}

/** An Instagram `story_insights` change (counts may be -1). */
export interface StoryInsightsEvent extends ChangeBase<'story_insights', 'instagram'> {
  field: 'story_insights';
  value: Meta.StoryInsightsValue;
}

/** Any other `changes[]` item (raw `value`), or one field of a `changed_fields` entry (no `value`). */
export interface ChangeEvent extends ChangeBase<'change', string> {
  value?: unknown;
}

/** Every event decoded from `entry[].messaging[]` / `entry[].standby[]`. */
export type MessagingEvent =
  | MessageEvent
  | EchoEvent
  | PostbackEvent
  | ReferralEvent
  | ReactionEvent
  | ReadEvent
  | DeliveryEvent
  | OptinEvent
  | HandoverEvent
  | PolicyEnforcementEvent
  | AccountLinkingEvent
  | EditEvent
  | UnknownEvent;

/** Every event decoded from `entry[].changes[]` / `entry[].changed_fields[]`. */
export type ChangeItemEvent =
  MentionEvent | CommentEvent | LiveCommentEvent | StoryInsightsEvent | ChangeEvent;

/** A decoded webhook event, discriminated by `type`. */
export type WebhookEvent = MessagingEvent | ChangeItemEvent;

/** The `type` of a webhook event. */
export type WebhookEventType = WebhookEvent['type'];

const CHANGE_TYPES: ReadonlySet<WebhookEventType> = new Set<ChangeItemEvent['type']>([
  'mention',
  'comment',
  'live_comment',
  'story_insights',
  'change',
]);

/** Returns true for events that came from `messaging[]` or `standby[]` (false for change events). */
export function isMessagingEvent(event: WebhookEvent): event is MessagingEvent {
  return !CHANGE_TYPES.has(event.type);
}
