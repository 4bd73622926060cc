/**
 * The Graph API client (`messenger-rx/graph`), read top to bottom: the client and its everyday calls, the errors it throws, then the
 * layers underneath (retry as a replaceable transformer, limits, proofs, redaction, the raw request).
 *
 * ```ts
 * const api = new GraphClient({ accessToken: process.env.PAGE_ACCESS_TOKEN, appSecret: process.env.APP_SECRET });
 * await api.send.text('PSID', 'Hello!');
 * await api.instagram.replyToMention({ igUserId, mediaId, commentId, message: 'Thanks!' });
 * ```
 *
 * Every call goes through a pipeline of transformers (grammY-style): `retry` in the options configures the
 * built-in retry layer (`createRetryPolicy({ maxRetries, baseDelayMs, maxWaitMs, ... })`) or turns it off
 * (`false`); `throttle: { perSecond, burst, filter }` adds a token bucket per account inside the retry layer
 * (off by default); and `client.use(transformer)` wraps the pipeline with your own layer (logging, a
 * `throttleTransformer` of your own, or a retry of your own in place of the built-in one).
 */

// Everyday: the client, its options and the shapes its calls take.
export { GraphClient } from './client.js';
export type { GraphClientOptions } from './core/client.js';
// What the Send API, Instagram, subscription and profile calls take.
export type {
  AttachmentInput,
  FileInput,
  Button,
  ButtonTemplatePayload,
  CallButton,
  CallOptions,
  GenericElement,
  GenericTemplatePayload,
  MediaElement,
  MediaTemplatePayload,
  MediaType,
  MessagingType,
  NotificationType,
  OtherTemplatePayload,
  OutgoingAttachment,
  OutgoingMessage,
  Platform,
  PostbackButton,
  QuickReply,
  Recipient,
  SenderAction,
  SenderActionOptions,
  SendOptions,
  TemplatePayload,
  TextQuickReply,
  To,
  UrlButton,
} from './types.js';
export type { AppCallOptions, AppSubscriptionInput } from './subscriptions.js';
export type {
  CommandList,
  IceBreakers,
  MessengerProfile,
  PersistentMenu,
  ProfileField,
  ProfileOptions,
} from './profile.js';
// What the calls resolve with, and the usage headers they report (io-ts codecs, usable as types).
export {
  AppSubscription,
  AppUsage,
  AttachmentUploadResult,
  BusinessUseCaseUsage,
  BusinessUseCaseUsageEntry,
  IdResult,
  MentionedComment,
  MentionedMedia,
  MessengerProfileData,
  SendResult,
  SenderActionResult,
  SubscribedApp,
  ProfileWriteResult,
  SuccessResult,
} from './core/codecs.js';

// What goes wrong: Graph said no (GraphApiError), the request failed (HttpError), an odd success body
// (GraphResponseError), a Send API limit broken before sending (SendLimitError). GraphError is their base.
export { GraphApiError, GraphError, GraphResponseError, HttpError, SendLimitError } from './core/errors.js';
export type { HttpErrorReason, HttpMethod, LimitUnit } from './core/errors.js';

// Building blocks: retry, throttling and other transformers: see, configure and replace the layers every call
// goes through.
export { createRetryPolicy, defaultRetryPolicy, isTransient, retryTransformer } from './core/retry.js';
export type {
  GraphCall,
  GraphTransformer,
  RetryInfo,
  RetryPolicy,
  RetryPolicyOptions,
  RetryTransformerOptions,
  Sleep,
} from './core/retry.js';
export { defaultThrottleKey, throttleTransformer } from './core/throttle.js';
export type { ThrottleOptions, ThrottleTransformer } from './core/throttle.js';

// Send API limits, checked before sending (also usable on their own).
export {
  SEND_LIMITS,
  checkMessage,
  checkQuickReplies,
  checkFile,
  checkTemplate,
  codePointLength,
} from './limits.js';

// The groups, for composing your own client over any `GraphCaller`.
export { SendApi } from './send.js';
export { DEFAULT_MENTIONED_MEDIA_FIELDS, InstagramApi } from './instagram.js';
export { SubscriptionsApi } from './subscriptions.js';
export { ProfileApi } from './profile.js';
// Handover, user profiles and personas: their groups, answers (io-ts codecs) and options.
export {
  HandoverApi,
  INBOX_APP_IDS,
  MAX_EXTEND_SECONDS,
  SecondaryReceiver,
  TakeThreadControlResult,
  ThreadOwner,
} from './handover.js';
export type { HandoverOptions, PassThreadOptions } from './handover.js';
export {
  DEFAULT_INSTAGRAM_USER_FIELDS,
  DEFAULT_MESSENGER_USER_FIELDS,
  InstagramUserProfile,
  MessengerUserProfile,
  UsersApi,
} from './users.js';
export type { InstagramUserField, MessengerUserField, UserProfile, UserProfileOptions } from './users.js';
export { PERSONA_NAME_LIMIT, Persona, PersonaList, PersonasApi } from './personas.js';
export type { PersonaInput, PersonaListOptions } from './personas.js';
export type { GraphCaller } from './types.js';

// Expert: the layer underneath: defaults, the proof every call carries, what a request and a transport are.
export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS, DEFAULT_VERSION } from './core/client.js';
export { appSecretProof } from './core/proof.js';
export type { GraphUsage, UsageListener } from './core/usage.js';
// How calls travel: the default `node:http` transport, or one over any `fetch`; a raw request and its parts.
export { TransportTimeoutError, fetchTransport, nodeTransport } from './core/transport.js';
export type {
  FetchLike,
  NodeTransportOptions,
  Transport,
  TransportHeaders,
  TransportRequest,
  TransportResponse,
} from './core/transport.js';
export type { FilePart, MultipartForm } from './core/multipart.js';
export type {
  AmbiguousRetry,
  GraphRequest,
  QueryValue,
  TokenPlacement,
  TokenResolver,
} from './core/request.js';
