import { fetchWebhook } from './fetch.js';
import type { Webhook } from '../types.js';

/** The part of a Hono context the adapter uses (a Hono `Context` fits; no hono import needed). */
export interface HonoContextLike {
  req: { readonly raw: Request };
}

/**
 * A Hono handler for the webhook: `app.all('/webhook', honoWebhook(bot.webhook))` (GET for the handshake, POST
 * for events). It reads the raw bytes of `c.req.raw`, so register no middleware that reads the body
 * (`c.req.json()`, a validator) before it on that route: the webhook then answers 500 and reports a setup
 * error, as a signature can only be checked on the bytes Meta signed.
 */
export function honoWebhook(webhook: Webhook): (c: HonoContextLike) => Promise<Response> {
  const handle = fetchWebhook(webhook);
  return (c) => handle(c.req.raw);
}
