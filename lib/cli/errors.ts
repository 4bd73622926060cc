/** The CLI's errors and how a failure becomes one line with no secret in it. */
import { GraphApiError, GraphError } from '../graph/index.js';
import { MessengerRxError } from '../errors/base.js';
import type { MessengerRxErrorCode } from '../errors/codes.js';

/** A failure the CLI reports as one line and exit code 1 (a missing variable, a failed check, a bad file). */
export class CliError extends MessengerRxError {
  override readonly name = 'CliError';
  readonly code = 'ERR_CLI' satisfies MessengerRxErrorCode;
}

/** A bot file could not be loaded, or its default export builds no bot. */
export class BotFileError extends MessengerRxError {
  override readonly name = 'BotFileError';
  readonly code = 'ERR_BOT_FILE' satisfies MessengerRxErrorCode;
  constructor(
    message: string,
    /** The path as given. */
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What replaces a secret value in output. */
export const HIDDEN = '[hidden]';

/** Blanks every occurrence of the given secrets (and their URL-encoded forms) out of a text. */
export function hideSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(HIDDEN);
  }
  return out;
}

/**
 * One line describing a failure: a Graph refusal with its code and subcode, any other error by its message, the
 * first line only, secrets blanked out.
 */
export function describeFailure(error: unknown, secrets: readonly string[]): string {
  let text: string;
  if (error instanceof GraphApiError) text = `Graph API error: ${error.message}`;
  else if (error instanceof GraphError || error instanceof CliError || error instanceof BotFileError)
    text = error.message;
  else if (error instanceof Error) text = `${error.name}: ${error.message}`;
  else text = String(error);
  return hideSecrets(text.split('\n')[0] ?? '', secrets);
}
