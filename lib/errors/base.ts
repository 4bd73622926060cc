/**
 * The base class of the error family, on its own so that every room's errors can extend it without importing the
 * family's entry point (lib/errors/index.ts), which re-exports them.
 */
/**
 * Base class of every error messenger-rx throws or reports. `code` is stable across releases: a string such as
 * `'ERR_BOT_STOPPED'` for the library's own errors, or the platform's own code where one exists (Meta's numeric
 * error code on a `GraphApiError`). Messages and `toJSON()` never contain a token or a secret.
 */
export abstract class MessengerRxError extends Error {
  /** What went wrong, as a stable identifier (see the README's table of errors). */
  abstract readonly code: string | number;

  /**
   * A plain summary for JSON logs: `name`, `code`, `message` and the error's own fields except `cause`. A field
   * holding an error shows that error's summary (or only its name and message for an error from elsewhere), so
   * whatever a foreign error carries (request headers, a failed command's arguments) never rides along.
   */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key !== 'cause' && value !== undefined) out[key] = errorSummary(value);
    }
    return out;
  }
}

/** An error as `toJSON()` shows it: its own summary for one of ours, its name and message for any other. */
function errorSummary(value: unknown): unknown {
  if (value instanceof MessengerRxError) return value.toJSON();
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

/**
 * The message of any thrown value, for the message of an error that wraps it: an Error's message, a string as it
 * is, a placeholder for anything else (handlers may throw non-Errors). Every room's wrapping errors use this one.
 */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'non-Error value thrown';
}
