/**
 * The decoded shapes of Meta's inner objects (all `t.TypeOf` of the codecs), re-exported in one place.
 */
import type * as t from 'io-ts';
import type { CommandC, ReferralC, QuickReplyC, ReplyToC, AdsContextDataC } from './codecs/messaging.js';

export type { Attachment, AttachmentPayload } from './codecs/attachments.js';
export type { CommentValue, MentionValue, StoryInsightsValue } from './codecs/changes.js';
export type { Envelope, Entry } from './codecs/envelope.js';
export type {
  AccountLinking,
  AppRoles,
  Delivery,
  Message,
  MessageEdit,
  Optin,
  Optout,
  GamePlay,
  MessagingFeedback,
  ResponseFeedback,
  PassThreadControl,
  PolicyEnforcement,
  Postback,
  Reaction,
  Read,
  Referral,
  ReferralData,
  RequestThreadControl,
  TakeThreadControl,
} from './codecs/messaging.js';

/** One of `message.commands`. */
export type Command = t.TypeOf<typeof CommandC>;
/** `message.quick_reply`: the payload of a tapped quick reply. */
export type MessageQuickReply = t.TypeOf<typeof QuickReplyC>;
/** `message.reply_to`. */
export type ReplyTo = t.TypeOf<typeof ReplyToC>;
/** `referral.ads_context_data`. */
export type AdsContextData = t.TypeOf<typeof AdsContextDataC>;
/** An inner referral (message / postback). */
export type InnerReferral = t.TypeOf<typeof ReferralC>;
