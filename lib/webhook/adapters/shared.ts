import type { IncomingMessage, ServerResponse } from 'node:http';
import { declaredTooLarge, readBody } from '../body.js';
import { WebhookSetupError, logWebhookError } from '../errors.js';
import { queryOfUrl } from '../query.js';
import { RESPONSES } from '../responses.js';
import type { Webhook, WebhookRequest, WebhookResponse } from '../types.js';

/** Hands an adapter problem to the webhook's onError, or logs it when the webhook has no reporter. */
export function report(webhook: Webhook, error: unknown): void {
  if (webhook.reportError) webhook.reportError(error);
  else logWebhookError(error);
}

/** What an adapter's read of a POST body came to: its bytes, over the limit, already read by someone, or failed. */
export type RawBodyRead =
  { kind: 'complete'; body: Uint8Array } | { kind: 'too-large' } | { kind: 'consumed' } | { kind: 'failed' };

/**
 * Answers a request the way every adapter does: anything but a POST goes to the webhook as is; a POST declaring
 * a body over the limit is refused before reading; otherwise `read()` gets the raw bytes and the webhook answers
 * on them. A body that something read before the webhook is a setup error, reported with `consumedWhy`.
 */
export async function answerRequest(
  webhook: Webhook,
  request: Omit<WebhookRequest, 'body'>,
  read: () => Promise<RawBodyRead>,
  adapter: string,
  consumedWhy: string,
): Promise<WebhookResponse> {
  if (request.method.toUpperCase() !== 'POST') return webhook.handle(request);
  if (declaredTooLarge(request.headers, webhook.maxBodyBytes)) return RESPONSES.tooLarge();
  const result = await read();
  switch (result.kind) {
    case 'complete':
      return webhook.handle({ ...request, body: result.body });
    case 'too-large':
      return RESPONSES.tooLarge();
    case 'consumed':
      report(webhook, new WebhookSetupError(adapter, consumedWhy));
      return RESPONSES.setupError();
    case 'failed':
      return RESPONSES.incompleteBody();
  }
}

const CONSUMED_BY_PARSER =
  `the request body was consumed before the webhook ran (a JSON or text body parser?), so its signature ` +
  `cannot be checked on the raw bytes; mount the webhook before any body parser or give it the raw bytes`;

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
  const request = { method: req.method ?? 'GET', query: queryOfUrl(req.url), headers: req.headers };
  if (parsedBody instanceof Uint8Array && request.method.toUpperCase() === 'POST') {
    return webhook.handle({ ...request, body: parsedBody });
  }
  return answerRequest(
    webhook,
    request,
    () => readBody(req, webhook.maxBodyBytes),
    adapter,
    CONSUMED_BY_PARSER,
  );
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
