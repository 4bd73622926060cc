/**
 * The one error family: every error the library throws or reports extends {@link MessengerRxError}, so
 * `error instanceof MessengerRxError` tells the library's failures from everyone else's, and `error.code` says
 * which one it is without a chain of `instanceof` checks.
 */

/**
 * Base class of every error messenger-rx throws or reports. `code` is stable across releases: a string such as
 * `'ERR_BOT_STOPPED'` for the library's own errors, or the platform's own code where one exists (Meta's numeric
 * error code on a `GraphApiError`). Messages and `toJSON()` never contain a token or a secret.
 */
export abstract class MessengerRxError extends Error {
  /** What went wrong, as a stable identifier (see the README's table of errors). */
  abstract readonly code: string | number;
}
