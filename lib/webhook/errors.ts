import { MessengerRxError } from '../errors/base.js';
import type { MessengerRxErrorCode } from '../errors/codes.js';

/**
 * Thrown by `createWebhook` and `createWebhookServer` for unusable options; the message names the option, never a
 * secret's value.
 */
export class WebhookConfigError extends MessengerRxError {
  override readonly name = 'WebhookConfigError';
  readonly code = 'ERR_WEBHOOK_CONFIG' satisfies MessengerRxErrorCode;
  constructor(
    /** The option that is wrong, e.g. `appSecret`. */
    readonly option: string,
    message: string,
  ) {
    super(`${option}: ${message}`);
  }
}

/**
 * Reported to `onError` when an adapter cannot get the raw body bytes (a JSON body parser ran first), so the
 * signature cannot be checked; the request answers 500 because it is the server's setup that must change.
 */
export class WebhookSetupError extends MessengerRxError {
  override readonly name = 'WebhookSetupError';
  readonly code = 'ERR_WEBHOOK_SETUP' satisfies MessengerRxErrorCode;
  constructor(
    /** Which adapter hit the problem: 'express', 'koa', 'fastify' or 'node'. */
    readonly adapter: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The one default error logger of the library: a function writing one line on stderr, `prefix` then the error's
 * name and message cut to `maxLength` characters (no payloads, no secrets). The webhook, the Bot and the Botkit
 * adapter each make theirs with their own prefix.
 */
export function consoleErrorLogger(prefix: string, maxLength = 500): (error: unknown) => void {
  return (error) => {
    const text =
      error instanceof Error ? `${error.name}: ${error.message}` : `non-Error value thrown (${typeof error})`;
    console.error(`${prefix}${text.slice(0, maxLength)}`);
  };
}

/** The default `onError`: one short line on stderr with the error's name and message (no payloads, no secrets). */
export const logWebhookError: (error: unknown) => void = consoleErrorLogger('messenger-rx webhook: ');
