/**
 * messenger-rx/emulator: a local Graph API and simulated Messenger / Instagram users, so bots, tests and
 * benchmarks run on one machine with no Meta account and no internet.
 */
export { startEmulator, type Emulator, type MessageWaitOptions } from './emulator.js';
export {
  EMULATOR_DEFAULTS,
  resolveConfig,
  type EmulatorAccount,
  type EmulatorConfig,
  type EmulatorOptions,
  type Platform,
} from './defaults.js';
export type { SimulatedUser, UserOptions, ActionOptions, UserDelivery, WaitOptions } from './users.js';
export {
  INSTAGRAM_INBOX_APP_ID,
  PAGE_INBOX_APP_ID,
  type HandoverActionOptions,
  type HandoverSimulator,
} from './handover.js';
export type { InstagramSimulator, IgAuthor, ChangeDelivery, ChangeOptions } from './instagram.js';
export type { DeliverOptions, DeliveryResult } from './webhook-client.js';
export { serialiseLikeMeta } from './webhook-client.js';
export type { FailureRule, RequestMatch } from './faults.js';
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
export {
  EmulatorTimeoutError,
  EmulatorClosedError,
  EmulatorUsageError,
  WebhookDeliveryError,
  type GraphErrorObject,
  type GraphErrorSpec,
} from './errors.js';
// Meta's Send API limits the emulator enforces: the client's table, the one copy.
export { SEND_LIMITS } from '../graph/index.js';
// The proof Graph checks, as the client computes it (one copy, in the Graph client).
export { appSecretProof } from '../graph/index.js';
export * as payloads from './payloads.js';
export * from './payloads.js';
