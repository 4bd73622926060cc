/**
 * Typed decoding of Messenger and Instagram webhooks: io-ts codecs, `decodeWebhook`, event helpers and queries.
 * Pure, no I/O.
 */
export { decodeWebhook, entryTimeMs } from './decode.js';
export type { DecodeResult } from './decode.js';
export type { DecodeIssue } from './issues.js';
export { isMessagingEvent } from './event.js';
export type {
  AccountLinkingEvent,
  AppRolesEvent,
  ChangeEvent,
  ChangeItemEvent,
  CommentEvent,
  DeliveryEvent,
  EchoEvent,
  EditEvent,
  EventBase,
  HandoverEvent,
  LiveCommentEvent,
  MentionEvent,
  MessageEvent,
  MessagingEvent,
  MessagingPlatform,
  OptinEvent,
  Participant,
  PassThreadControlEvent,
  PolicyEnforcementEvent,
  PostbackEvent,
  ReactionEvent,
  ReadEvent,
  ReferralEvent,
  RequestThreadControlEvent,
  StoryInsightsEvent,
  TakeThreadControlEvent,
  UnknownEvent,
  WebhookEvent,
  WebhookEventType,
} from './event.js';
export { accountIdOf, dedupKey, messagingConversation, userOf } from './keys.js';
export { QUERIES, QUERY_TREE, QueryError, isQuery, matches, predicateFor } from './queries.js';
export type { AttachmentQueryType, EventFor, NonEmptyArray, Query, QueryEventMap } from './queries.js';
export * from './types.js';
export * as codecs from './codecs/index.js';
