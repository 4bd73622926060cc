/**
 * Thrown by `createWebhook` and `createWebhookServer` for unusable options; the message names the option, never a
 * secret's value.
 */
export class WebhookConfigError extends Error {
  override readonly name = 'WebhookConfigError';
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
export class WebhookSetupError extends Error {
  override readonly name = 'WebhookSetupError';
  constructor(
    /** Which adapter hit the problem: 'express', 'koa', 'fastify' or 'node'. */
    readonly adapter: string,
    message: string,
  ) {
    super(message);
  }
}

/** The default `onError`: one short line on stderr with the error's name and message (no payloads, no secrets). */
export function logWebhookError(error: unknown): void {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : `non-Error value thrown (${typeof error})`;
  console.error(`messenger-rx webhook: ${text.slice(0, 500)}`);
}
