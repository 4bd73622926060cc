// The Graph API client: everyday API first, then the layers underneath.
export { GraphClient } from './client.js';
export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS, DEFAULT_VERSION, GraphCore } from './core/client.js';
export type { GraphClientOptions } from './core/client.js';

export { SendApi, buildMessageBody, mediaAttachment, normaliseQuickReply, toRecipient } from './send.js';
export { DEFAULT_MENTIONED_MEDIA_FIELDS, InstagramApi } from './instagram.js';
export { SubscriptionsApi } from './subscriptions.js';
export type { AppCallOptions, AppSubscriptionInput } from './subscriptions.js';
export { ProfileApi } from './profile.js';
export type {
  CommandList,
  IceBreakers,
  MessengerProfile,
  PersistentMenu,
  ProfileField,
  ProfileOptions,
} from './profile.js';
export type {
  AttachmentInput,
  Button,
  ButtonTemplatePayload,
  CallButton,
  CallOptions,
  GenericElement,
  GenericTemplatePayload,
  GraphCaller,
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
  SendOptions,
  TemplatePayload,
  TextQuickReply,
  To,
  UrlButton,
} from './types.js';

export { GraphApiError, GraphError, GraphResponseError, HttpError, SendLimitError } from './core/errors.js';
export type { HttpErrorKind, HttpMethod, LimitUnit } from './core/errors.js';
export { createRetryPolicy, defaultRetryPolicy, isTransient, retryTransformer, sleep } from './core/retry.js';
export type {
  GraphCall,
  GraphTransformer,
  RetryInfo,
  RetryPolicy,
  RetryPolicyOptions,
  RetryTransformerOptions,
  Sleep,
} from './core/retry.js';
export {
  PERMANENT_CODES,
  TRANSIENT_CODES,
  isPermanentCode,
  isThrottleCode,
  isTransientGraphError,
} from './core/codes.js';
export {
  SEND_LIMITS,
  checkMessage,
  checkQuickReplies,
  checkTemplate,
  codePointLength,
  utf8ByteLength,
} from './limits.js';
export { appSecretProof } from './core/proof.js';
export { REDACTED, createRedactor } from './core/redact.js';
export { graphUrl, rawRequest } from './core/request.js';
export type {
  GraphRequest,
  QueryValue,
  RawRequestConfig,
  TokenPlacement,
  TokenResolver,
} from './core/request.js';
export { parseBusinessUseCaseWait, parseRetryAfter } from './core/usage.js';
export {
  AppSubscription,
  AttachmentUploadResult,
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
