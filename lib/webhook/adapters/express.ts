import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Webhook } from '../types.js';
import { answerNodeRequest, failSafely, writeNodeResponse } from './shared.js';

/** The parts of an express request the adapter uses (an express `Request` fits; no express import needed). */
export interface ExpressRequestLike extends IncomingMessage {
  /** Set by body parsers; a Buffer from `express.raw()` is used as the raw bytes. */
  body?: unknown;
}

/**
 * An express handler for the webhook (tested with express 5): `app.use('/webhook', expressWebhook(webhook))`, so
 * GET and POST both reach it. Works with no body parser (it reads the stream) or after `express.raw()` (give it a
 * `limit` of at least `maxBodyBytes`); after a JSON or text parser it answers 500 and reports a WebhookSetupError,
 * because the signature can only be checked on the raw bytes. The app's server is yours, so its timeouts and
 * connection cap are too: start it with `createWebhookServer(app)` (or `applyServerLimits(app.listen(port))`) to
 * close slow clients and answer 413 before `100 Continue`.
 */
export function expressWebhook(
  webhook: Webhook,
): (req: ExpressRequestLike, res: ServerResponse, next?: (error?: unknown) => void) => void {
  return (req, res) => {
    answerNodeRequest(webhook, req, 'express', req.body).then(
      (response) => writeNodeResponse(res, response),
      (error: unknown) => failSafely(webhook, res, error),
    );
  };
}
