/**
 * Typed decoding of Messenger and Instagram webhooks. Pure, no I/O.
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
export { isAttachment, attachmentOf } from './attachments.js';
export type { TypedAttachment } from './attachments.js';

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

// Meta's inner objects (`message`, `postback`, attachments, change values, ...), as decoded.
export * from './types.js';

// Expert: the table of event kinds and the query tree derived from it, the building blocks used by other
// layers, and the codecs.
export {
  MESSAGING_KINDS,
  MESSAGING_KEY_ALIASES,
  CHANGE_KINDS,
  MESSAGING_FIELDS,
  EVENT_TYPES,
} from './kinds.js';
export type { MessagingKey, ChangeField } from './kinds.js';
export { QUERY_TREE } from './queries.js';
export { ATTACHMENT_TYPES } from './attachments.js';
export type { AttachmentQueryType, NonEmptyArray, QueryEventMap, QueryTableChecks } from './queries.js';
export { entryTimeMs } from './decode.js';
export { messagingConversation } from './keys.js';
export { isRecord } from './json.js';
export * as codecs from './codecs/index.js';
