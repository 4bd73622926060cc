/**
 * `messenger-rx/errors`: the one error family. Every error the library throws or reports extends
 * {@link MessengerRxError}, so `error instanceof MessengerRxError` tells the library's failures from everyone
 * else's, and `error.code` says which one it is without a chain of `instanceof` checks (the README's "Errors"
 * table lists every code). This entry point holds the base and the errors of the core; the add-on entry points
 * (`messenger-rx/redis`, `/botkit`, `/emulator`, `/testkit`, `/playground`) export their own.
 */

// The base and its codes.
export { MessengerRxError } from './base.js';
export type { MessengerRxErrorCode } from './codes.js';

// What `bot.errors$` carries (`BotError`, discriminated by `kind`), and what the Bot throws.
export type { BotError } from '../bot/errors.js';
export {
  BotContextError,
  BotDecodeError,
  BotDedupError,
  BotHandlerError,
  BotHandlerTimeoutError,
  BotInboxError,
  BotOverflowError,
  BotRoleError,
  BotStoppedError,
  BotWebhookError,
} from '../bot/errors.js';

// Composition, queries, sessions, conversations and delivery.
export { NextCalledTwiceError } from '../composer/middleware.js';
export { QueryError } from '../events/queries.js';
export { SessionKeyError, SessionStorageError } from '../session/errors.js';
export { ConversationError } from '../conversations/errors.js';
export { InboxOverflowError, InboxStoppedError } from '../delivery/errors.js';

// The Graph API client and the webhook endpoint.
export {
  GraphApiError,
  GraphError,
  GraphResponseError,
  HttpError,
  SendLimitError,
} from '../graph/core/errors.js';
export type { HttpErrorReason } from '../graph/core/errors.js';
export { TransportTimeoutError } from '../graph/core/transport.js';
export { WebhookConfigError, WebhookSetupError } from '../webhook/errors.js';
