/**
 * Typed decoding of Messenger and Instagram webhooks (`messenger-rx/events`). Pure, no I/O.
 *
 * Everyday: `decodeWebhook(JSON.parse(body))` gives `{ events, errors }`; each event is a `WebhookEvent`
 * discriminated by `type`, and `matches(query, event)` / `predicateFor(query)` pick and narrow the ones a bot
 * wants (`'message:text'`, `'postback'`, `'mention:comment'`, ...). Then come the helpers that place an event
 * (`userOf`, `accountIdOf`, `dedupKey`), the named event types, Meta's inner shapes, and for experts the io-ts
 * codecs themselves.
 */

// Decoding a webhook body.
export { decodeWebhook } from './decode.js';
export type { DecodeResult } from './decode.js';
export type { DecodeIssue } from './issues.js';
export { describeDecodeErrors } from './issues.js';
export type { DescribeDecodeErrorsOptions } from './issues.js';

// Choosing events: queries, with the event type narrowed to what the query names.
export { matches, predicateFor, isQuery, QUERIES, QUERY_PLATFORMS, QueryError } from './queries.js';
export type { Query, BaseQuery, QueryPlatform, EventFor, StopOptinEvent } from './queries.js';

// Attachments of a message, by query type.
export { isAttachment, attachmentOf, ATTACHMENT_TYPES } from './attachments.js';
export type { AttachmentQueryType, TypedAttachment } from './attachments.js';

// Who and where: the person, the page or IG account, and the key that spots a redelivery.
export { userOf, accountIdOf, dedupKey } from './keys.js';

// The events.
export type {
  WebhookEvent,
  WebhookEventType,
  MessagingEvent,
  ChangeItemEvent,
  Participant,
  MessageEvent,
  EchoEvent,
  PostbackEvent,
  ReferralEvent,
  ReactionEvent,
  ReadEvent,
  DeliveryEvent,
  OptinEvent,
  OptoutEvent,
  HandoverEvent,
  PassThreadControlEvent,
  TakeThreadControlEvent,
  RequestThreadControlEvent,
  AppRolesEvent,
  PolicyEnforcementEvent,
  AccountLinkingEvent,
  EditEvent,
  GamePlayEvent,
  MessagingFeedbackEvent,
  ResponseFeedbackEvent,
  UnknownEvent,
  MentionEvent,
  CommentEvent,
  LiveCommentEvent,
  StoryInsightsEvent,
  ChangeEvent,
  EventBase,
  MessagingPlatform,
  KindEvent,
  ChangeKindEvent,
} from './event.js';
export { isMessagingEvent } from './event.js';
export { EVENT_TYPES } from './kinds.js';
export type { MessagingKey, ChangeField } from './kinds.js';

// Meta's inner objects (`message`, `postback`, attachments, change values, ...), as decoded.
export type * from './types.js';

// Expert: the guard decoding uses for JSON objects, and the io-ts codecs the events are decoded with.
export { isRecord } from './json.js';
export * as codecs from './codecs/index.js';
