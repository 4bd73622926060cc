import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathOfUrl } from '../query.js';
import { RESPONSES } from '../responses.js';
import type { Webhook } from '../types.js';
import { answerNodeRequest, failSafely, writeNodeResponse } from './shared.js';

/** Options of {@link nodeHandler}. */
export interface NodeHandlerOptions {
  /** Serve only this path (e.g. `/webhook`); other paths answer 404. Default: every path. */
  path?: string;
}

/**
 * A node:http request listener for the webhook, e.g. `http.createServer(nodeHandler(webhook, { path: '/webhook' }))`.
 * It reads the raw body as Buffers up to the limit and never throws into the server.
 */
export function nodeHandler(
  webhook: Webhook,
  options: NodeHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (options.path !== undefined && pathOfUrl(req.url) !== options.path) {
      writeNodeResponse(res, RESPONSES.notFound());
      return;
    }
    answerNodeRequest(webhook, req, 'node').then(
      (response) => writeNodeResponse(res, response),
      (error: unknown) => failSafely(webhook, res, error),
    );
  };
}
