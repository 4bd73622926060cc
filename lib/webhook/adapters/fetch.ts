import { declaredTooLarge } from '../body.js';
import { WebhookSetupError } from '../errors.js';
import { RESPONSES } from '../responses.js';
import type { Webhook, WebhookRequest, WebhookResponse } from '../types.js';
import { report } from './shared.js';

/** Options of {@link fetchWebhook}. */
export interface FetchWebhookOptions {
  /** Serve only this path and answer 404 to others. Default: answer every request it is given. */
  path?: string;
}

/** The outcome of reading a Fetch API body: its bytes, over the limit, already read by someone, or failed. */
type FetchBodyRead =
  { kind: 'complete'; body: Uint8Array } | { kind: 'too-large' } | { kind: 'consumed' } | { kind: 'failed' };

/** Reads a Fetch API request body chunk by chunk, exactly as received, stopping as soon as it passes `limit`. */
async function readFetchBody(request: Request, limit: number): Promise<FetchBodyRead> {
  if (request.bodyUsed) return { kind: 'consumed' };
  if (request.body === null) return { kind: 'complete', body: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return { kind: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    return { kind: 'failed' };
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { kind: 'complete', body };
}

/** A WebhookResponse as a Fetch API Response (no body on HEAD). */
function toResponse(response: WebhookResponse, method: string): Response {
  return new Response(method === 'HEAD' ? null : response.body, {
    status: response.status,
    headers: response.headers,
  });
}

/** Answers one Fetch API request with the webhook; never rejects. */
async function answerFetchRequest(
  webhook: Webhook,
  request: Request,
  adapter: string,
): Promise<WebhookResponse> {
  const method = request.method;
  const query = new URL(request.url).searchParams;
  const headers: WebhookRequest['headers'] = Object.fromEntries(request.headers);
  if (method.toUpperCase() !== 'POST') return webhook.handle({ method, query, headers });
  if (declaredTooLarge(headers, webhook.maxBodyBytes)) return RESPONSES.tooLarge();
  const read = await readFetchBody(request, webhook.maxBodyBytes);
  switch (read.kind) {
    case 'complete':
      return webhook.handle({ method, query, headers, body: read.body });
    case 'too-large':
      return RESPONSES.tooLarge();
    case 'failed':
      return RESPONSES.incompleteBody();
    case 'consumed':
      report(
        webhook,
        new WebhookSetupError(
          adapter,
          'the request body was read before the webhook ran (request.json() or text()?), so its signature ' +
            'cannot be checked on the raw bytes; give the webhook the request before anything reads its body',
        ),
      );
      return RESPONSES.setupError();
  }
}

/**
 * The webhook as a Fetch API handler, `(request: Request) => Promise<Response>`: what Cloudflare Workers
 * (`export default { fetch }`), Deno (`Deno.serve`), Bun (`Bun.serve({ fetch })`), Next.js route handlers
 * (`export const GET = handler, POST = handler`) and Hono (see `honoWebhook`) call. It reads the body's raw bytes
 * itself, up to the webhook's limit, so the signature is checked on exactly what Meta signed.
 * @example
 * const handler = fetchWebhook(bot.webhook);
 * export default { fetch: handler }; // a Cloudflare Worker
 */
export function fetchWebhook(
  webhook: Webhook,
  options: FetchWebhookOptions = {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (options.path !== undefined && new URL(request.url).pathname !== options.path) {
      return toResponse(RESPONSES.notFound(), request.method);
    }
    let response: WebhookResponse;
    try {
      response = await answerFetchRequest(webhook, request, 'fetch');
    } catch (error) {
      report(webhook, error);
      response = RESPONSES.handlerFailed();
    }
    return toResponse(response, request.method);
  };
}
