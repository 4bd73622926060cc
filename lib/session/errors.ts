/** The typed errors of sessions: a storage that failed, and a session used on an event that has no key. */
import { MessengerRxError, messageOf } from '../errors/base.js';
import type { MessengerRxErrorCode } from '../errors/codes.js';

/** What the session middleware asked the storage to do when it failed. */
export type SessionOperation = 'read' | 'write' | 'delete';

/**
 * The session storage failed: `operation` on `key`, with the storage's error as `cause`. The bot reports it on
 * `errors$` (inside a BotHandlerError, with the event). A failed read fails the event before a handler sees a
 * made-up session; a failed write or delete keeps the value that was not saved in `unsaved` (not enumerable,
 * and never in the message, so logging the error does not print what the session holds).
 */
export class SessionStorageError extends MessengerRxError {
  override readonly name = 'SessionStorageError';
  readonly code = 'ERR_SESSION_STORAGE' satisfies MessengerRxErrorCode;
  /** The value the chain left in `ctx.session` that could not be written (undefined for reads and deletes). */
  declare readonly unsaved: unknown;

  constructor(
    /** What was asked of the storage. */
    readonly operation: SessionOperation,
    /** The session key. */
    readonly key: string,
    /** What the storage threw. */
    cause: unknown,
    unsaved?: unknown,
  ) {
    super(`session storage ${operation} failed for key ${JSON.stringify(key)}: ${messageOf(cause)}`, {
      cause,
    });
    Object.defineProperty(this, 'unsaved', { value: unsaved, enumerable: false });
  }
}

/**
 * `ctx.session` was used on an event for which `getSessionKey` gave no key (for example an app-level change
 * with the default key chosen by a custom function), so there is no session to read or write.
 */
export class SessionKeyError extends MessengerRxError {
  override readonly name = 'SessionKeyError';
  readonly code = 'ERR_SESSION_KEY' satisfies MessengerRxErrorCode;
  constructor(
    /** The type of the event handled. */
    readonly eventType: string,
  ) {
    super(`ctx.session cannot be used on this '${eventType}' event: getSessionKey gave no key for it`);
  }
}
