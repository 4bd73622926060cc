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

// Choosing events: queries, with the event type narrowed to what the query names.
export { matches, predicateFor, isQuery, QUERIES, QueryError } from './queries.js';
export type { Query, EventFor } from './queries.js';

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
  HandoverEvent,
  PassThreadControlEvent,
  TakeThreadControlEvent,
  RequestThreadControlEvent,
  AppRolesEvent,
  PolicyEnforcementEvent,
  AccountLinkingEvent,
  EditEvent,
  UnknownEvent,
  MentionEvent,
  CommentEvent,
  LiveCommentEvent,
  StoryInsightsEvent,
  ChangeEvent,
  EventBase,
  MessagingPlatform,
} from './event.js';
export { isMessagingEvent } from './event.js';

// Meta's inner objects (`message`, `postback`, attachments, change values, ...), as decoded.
export * from './types.js';

// Expert: the query tree behind the vocabulary, the building blocks used by other layers, and the codecs.
export { QUERY_TREE } from './queries.js';
export type { AttachmentQueryType, NonEmptyArray, QueryEventMap } from './queries.js';
export { entryTimeMs } from './decode.js';
export { messagingConversation } from './keys.js';
export * as codecs from './codecs/index.js';
