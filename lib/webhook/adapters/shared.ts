import type { IncomingMessage, ServerResponse } from 'node:http';
import { declaredTooLarge, readBody } from '../body.js';
import { WebhookSetupError, logWebhookError } from '../errors.js';
import { queryOfUrl } from '../query.js';
import { RESPONSES } from '../responses.js';
import type { Webhook, WebhookResponse } from '../types.js';

/** Hands an adapter problem to the webhook's onError, or logs it when the webhook has no reporter. */
export function report(webhook: Webhook, error: unknown): void {
  if (webhook.reportError) webhook.reportError(error);
  else logWebhookError(error);
}

function setupError(webhook: Webhook, adapter: string): WebhookResponse {
  report(
    webhook,
    new WebhookSetupError(
      adapter,
      `the request body was consumed before the webhook ran (a JSON or text body parser?), so its signature ` +
        `cannot be checked on the raw bytes; mount the webhook before any body parser or give it the raw bytes`,
    ),
  );
  return RESPONSES.setupError();
}

/**
 * Answers a node:http request (also express and koa, whose requests are node's): the raw bytes come from a
 * body parser's Buffer when one left it, otherwise from the stream, read up to the webhook's limit.
 */
export async function answerNodeRequest(
  webhook: Webhook,
  req: IncomingMessage,
  adapter: string,
  parsedBody?: unknown,
): Promise<WebhookResponse> {
  const method = req.method ?? 'GET';
  const query = queryOfUrl(req.url);
  const headers = req.headers;
  if (method.toUpperCase() !== 'POST') return webhook.handle({ method, query, headers });
  if (parsedBody instanceof Uint8Array) return webhook.handle({ method, query, headers, body: parsedBody });
  if (declaredTooLarge(headers, webhook.maxBodyBytes)) return RESPONSES.tooLarge();
  const read = await readBody(req, webhook.maxBodyBytes);
  switch (read.kind) {
    case 'complete':
      return webhook.handle({ method, query, headers, body: read.body });
    case 'too-large':
      return RESPONSES.tooLarge();
    case 'consumed':
      return setupError(webhook, adapter);
    case 'failed':
      return RESPONSES.incompleteBody();
  }
}

/** Writes a WebhookResponse to a node ServerResponse unless the connection is already gone. */
export function writeNodeResponse(res: ServerResponse, response: WebhookResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.setHeader('content-length', Buffer.byteLength(response.body));
  res.end(response.body);
}

/** Answers with a fixed 500 when something unexpected failed, after reporting it; never throws. */
export function failSafely(webhook: Webhook, res: ServerResponse, error: unknown): void {
  report(webhook, error);
  try {
    writeNodeResponse(res, RESPONSES.handlerFailed());
  } catch {
    res.destroy();
  }
}
