/**
 * messenger-rx/emulator: a local Graph API and simulated Messenger / Instagram users, so bots, tests and
 * benchmarks run on one machine with no Meta account and no internet.
 */

// Starting it, its options and what it is configured with.
export { startEmulator } from './emulator.js';
export type { Emulator, MessageWaitOptions } from './emulator.js';
export { EMULATOR_DEFAULTS } from './defaults.js';
export type { EmulatorAccount, EmulatorConfig, EmulatorOptions, Platform } from './defaults.js';

// The simulated users, Instagram and handover, and the webhooks they deliver.
export type { SimulatedUser, UserOptions, ActionOptions, UserDelivery, WaitOptions } from './users.js';
export type { InstagramSimulator, IgAuthor, ChangeDelivery, ChangeOptions } from './instagram.js';
export { INSTAGRAM_INBOX_APP_ID, PAGE_INBOX_APP_ID } from './handover.js';
export type { HandoverActionOptions, HandoverSimulator } from './handover.js';
export { serialiseLikeMeta } from './webhook-client.js';
export type { DeliverOptions, DeliveryResult } from './webhook-client.js';

// What the Graph API side recorded, and the faults it can play.
export type {
  RecordedRequest,
  SentMessage,
  SentRecipient,
  SenderActionRecord,
  UploadedFile,
} from './records.js';
export type {
  EmulatorState,
  MediaRecord,
  CommentRecord,
  ReplyRecord,
  AppSubscription,
  AttachmentRecord,
  PersonaRecord,
} from './state.js';
export type { FailureRule, RequestMatch } from './faults.js';

// Webhook bodies as Meta sends them, for tests that post their own.
export {
  textItem,
  quickReplyItem,
  postbackItem,
  attachmentItem,
  storyMentionItem,
  reactionItem,
  reactionName,
  readItem,
  deliveryItem,
  echoItem,
  referralItem,
  mentionChange,
  commentChange,
  storyInsightsChange,
  envelope,
  messagingBody,
  changesBody,
  messengerText,
  messengerQuickReply,
  messengerPostback,
  messengerAttachment,
  messengerReaction,
  messengerRead,
  messengerDelivery,
  messengerEcho,
  instagramText,
  instagramStoryMention,
  instagramMentionInComment,
  instagramMentionInCaption,
  instagramComment,
  instagramStoryInsights,
} from './payloads.js';
export type {
  WebhookBody,
  WebhookEntry,
  RawMessagingItem,
  ChangeItem,
  ItemInput,
  CommentAuthor,
  StoryInsightsInput,
  ChangeBodyInput,
} from './payloads.js';

// What goes wrong.
export {
  EmulatorTimeoutError,
  EmulatorClosedError,
  EmulatorUsageError,
  WebhookDeliveryError,
} from './errors.js';
export type { GraphErrorObject, GraphErrorSpec } from './errors.js';
