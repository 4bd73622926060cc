import * as t from 'io-ts';
import { AttachmentC } from './attachments.js';
import { IntegerFromInputC, NumberOrStringC, TimeNumberC, optionalProps, withOptional } from './common.js';
import { InstagramMessageProps, StoryReplyC } from './instagram.js';

/** `ads_context_data` of a click-to-Messenger / click-to-Instagram ad referral. */
export const AdsContextDataC = optionalProps(
  {
    ad_title: t.string,
    photo_url: t.string,
    video_url: t.string,
    post_id: t.string,
    product_id: t.string,
    flow_id: t.string,
  },
  'AdsContextData',
);

/** Referral fields shared by `message.referral`, `postback.referral` and `referral` (all optional). */
const referralProps = {
  ref: t.string,
  source: t.string,
  type: t.string,
  ad_id: t.string,
  referer_uri: t.string,
  ads_context_data: AdsContextDataC,
  product: t.type({ id: t.string }, 'ReferralProduct'),
};

/** A referral carried inside a message or postback (shops product, ad, m.me link); every field is optional. */
export const ReferralC = optionalProps(referralProps, 'Referral');

/** A decoded inner referral. */
export type Referral = t.TypeOf<typeof ReferralC>;

/** `message.quick_reply`: the tapped quick reply's payload. */
export const QuickReplyC = t.type({ payload: t.string }, 'QuickReply');

/** `message.reply_to`: the message (`mid`) or, on Instagram, the story replied to. */
export const ReplyToC = optionalProps(
  { mid: t.string, is_self_reply: t.boolean, story: StoryReplyC },
  'ReplyTo',
);

/** One of `message.commands`. */
export const CommandC = t.type({ name: t.string }, 'Command');

/** `message` of a received message or an echo (Messenger and Instagram); `mid` is the only required field. */
export const MessageC = withOptional(
  { mid: t.string },
  {
    text: t.string,
    quick_reply: QuickReplyC,
    reply_to: ReplyToC,
    attachments: t.array(AttachmentC),
    referral: ReferralC,
    commands: t.array(CommandC),
    is_echo: t.boolean,
    app_id: NumberOrStringC,
    metadata: t.string,
    sticker_id: t.number,
    ...InstagramMessageProps,
  },
  'Message',
);

/** A decoded `message` object. */
export type Message = t.TypeOf<typeof MessageC>;

/**
 * `postback`: a tapped button; `payload` is absent on standby postbacks, `mid` before v11, and `title` on
 * captures of the older platform (accepted: the tap is still worth answering).
 */
export const PostbackC = optionalProps(
  { title: t.string, payload: t.string, mid: t.string, referral: ReferralC, is_self: t.boolean },
  'Postback',
);

/** `referral` (messaging_referrals): an existing thread reopened from a link, ad or chat plugin. */
export const ReferralEventC = withOptional(
  { source: t.string, type: t.string },
  referralProps,
  'ReferralEvent',
);

/** `reaction`: react / unreact to `mid`; `reaction` and `emoji` are absent on unreact. */
export const ReactionC = withOptional(
  { mid: t.string, action: t.keyof({ react: null, unreact: null }, '"react" | "unreact"') },
  { reaction: t.string, emoji: t.string },
  'Reaction',
);

/** `read`: Messenger's `watermark` (ms; a numeric string is converted) or Instagram's seen `mid`. */
export const ReadC = optionalProps({ watermark: TimeNumberC, mid: t.string }, 'Read');

/** `delivery`: everything before `watermark` (ms; a numeric string is converted) was delivered; `mids` only sometimes. */
export const DeliveryC = withOptional({ watermark: TimeNumberC }, { mids: t.array(t.string) }, 'Delivery');

/** `message_edit`: the new text and how many times it was edited (`num_edit` may arrive as a numeric string). */
export const MessageEditC = withOptional(
  { mid: t.string, num_edit: IntegerFromInputC },
  { text: t.string },
  'MessageEdit',
);

/** The marketing-messages fields an optin (and an opt-out) carries. */
const marketingProps = {
  type: t.string,
  payload: t.string,
  title: t.string,
  notification_messages_token: t.string,
  notification_messages_frequency: t.string,
  notification_messages_timezone: t.string,
  notification_messages_status: t.string,
  token_expiry_timestamp: t.number,
  user_token_status: t.string,
};

/** `optin`: the marketing-messages form (`type: notification_messages`, token, ...) or the checkbox form (`ref`, `user_ref`). */
export const OptinC = optionalProps(
  { ...marketingProps, ref: t.string, user_ref: t.string, message_request: t.string },
  'Optin',
);

/**
 * `optout`: a marketing-messages opt-out item (field `messaging_optouts`). Meta publishes no payload for it, so
 * every field is optional and unknown ones pass through; the documented opt-out is an `optin` whose
 * `notification_messages_status` is `STOP NOTIFICATIONS` (the `optout` query matches both).
 */
export const OptoutC = optionalProps(marketingProps, 'Optout');

/** `game_play`: a player finished a round of an Instant Game (`score` for classic games, `payload` for rich ones). */
export const GamePlayC = withOptional(
  { game_id: t.string, player_id: t.string },
  {
    context_type: t.string,
    context_id: t.string,
    locale: t.string,
    score: t.number,
    payload: t.union([t.string, t.UnknownRecord], 'string | object'),
  },
  'GamePlay',
);

/** One answer of a customer feedback form: its type (`csat`, `nps`, `ces`, `free_form`), score and follow-up. */
export const FeedbackAnswerC = withOptional(
  { type: t.string },
  {
    payload: t.string,
    follow_up: optionalProps({ type: t.string, payload: t.string }, 'FeedbackFollowUp'),
  },
  'FeedbackAnswer',
);

/** One screen of a submitted feedback form: its answers keyed by the question ids the page chose. */
export const FeedbackScreenC = withOptional(
  { questions: t.record(t.string, FeedbackAnswerC) },
  { screen_id: t.number },
  'FeedbackScreen',
);

/** `messaging_feedback`: a user submitted a customer feedback form (`template_type: customer_feedback`). */
export const MessagingFeedbackC = t.type({ feedback_screens: t.array(FeedbackScreenC) }, 'MessagingFeedback');

/** `response_feedback`: thumbs up or down (`Good response` / `Bad response`) on a message the app sent. */
export const ResponseFeedbackC = t.type({ feedback: t.string, mid: t.string }, 'ResponseFeedback');

const appId = t.union([t.string, t.number, t.null], 'string | number | null');

/** The fields pass and take thread control share: who owned the thread, who owns it now, and metadata. */
const threadControlProps = {
  previous_owner_app_id: appId,
  new_owner_app_id: NumberOrStringC,
  metadata: t.string,
};

/** `pass_thread_control`: the thread was passed to this app. */
export const PassThreadControlC = optionalProps(threadControlProps, 'PassThreadControl');

/** `take_thread_control`: the thread was taken from this app. */
export const TakeThreadControlC = optionalProps(threadControlProps, 'TakeThreadControl');

/** `request_thread_control`: another app asks the primary receiver for the thread. */
export const RequestThreadControlC = optionalProps(
  { requested_owner_app_id: NumberOrStringC, metadata: t.string },
  'RequestThreadControl',
);

/** `app_roles`: app id to its roles (`primary_receiver`, `secondary_receiver`). */
export const AppRolesC = t.record(t.string, t.array(t.string), 'AppRoles');

/** `policy_enforcement`: a warning, block or unblock of the page; `reason` is absent on unblock. */
export const PolicyEnforcementC = withOptional(
  { action: t.string },
  { reason: t.string },
  'PolicyEnforcement',
);

/** `account_linking`: linked (with `authorization_code`) or unlinked. */
export const AccountLinkingC = withOptional(
  { status: t.keyof({ linked: null, unlinked: null }, '"linked" | "unlinked"') },
  { authorization_code: t.string },
  'AccountLinking',
);

/** A decoded `postback`. */
export type Postback = t.TypeOf<typeof PostbackC>;
/** A decoded `referral` of a messaging_referrals item. */
export type ReferralData = t.TypeOf<typeof ReferralEventC>;
/** A decoded `reaction`. */
export type Reaction = t.TypeOf<typeof ReactionC>;
/** A decoded `read`. */
export type Read = t.TypeOf<typeof ReadC>;
/** A decoded `delivery`. */
export type Delivery = t.TypeOf<typeof DeliveryC>;
/** A decoded `message_edit` (`num_edit` always a number). */
export type MessageEdit = t.TypeOf<typeof MessageEditC>;
/** A decoded `optin`. */
export type Optin = t.TypeOf<typeof OptinC>;
/** A decoded `optout`. */
export type Optout = t.TypeOf<typeof OptoutC>;
/** A decoded `game_play`. */
export type GamePlay = t.TypeOf<typeof GamePlayC>;
/** A decoded `messaging_feedback`. */
export type MessagingFeedback = t.TypeOf<typeof MessagingFeedbackC>;
/** A decoded `response_feedback`. */
export type ResponseFeedback = t.TypeOf<typeof ResponseFeedbackC>;
/** A decoded `pass_thread_control`. */
export type PassThreadControl = t.TypeOf<typeof PassThreadControlC>;
/** A decoded `take_thread_control`. */
export type TakeThreadControl = t.TypeOf<typeof TakeThreadControlC>;
/** A decoded `request_thread_control`. */
export type RequestThreadControl = t.TypeOf<typeof RequestThreadControlC>;
/** A decoded `app_roles`. */
export type AppRoles = t.TypeOf<typeof AppRolesC>;
/** A decoded `policy_enforcement`. */
export type PolicyEnforcement = t.TypeOf<typeof PolicyEnforcementC>;
/** A decoded `account_linking`. */
export type AccountLinking = t.TypeOf<typeof AccountLinkingC>;
