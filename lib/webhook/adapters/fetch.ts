import { RESPONSES } from '../responses.js';
import type { Webhook, WebhookRequest, WebhookResponse } from '../types.js';
import { answerRequest, report, type RawBodyRead } from './shared.js';

/** Options of {@link fetchWebhook}. */
export interface FetchWebhookOptions {
  /** Serve only this path and answer 404 to others. Default: answer every request it is given. */
  path?: string;
}

/** Reads a Fetch API request body chunk by chunk, exactly as received, stopping as soon as it passes `limit`. */
async function readFetchBody(request: Request, limit: number): Promise<RawBodyRead> {
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

const CONSUMED_BY_READER =
  'the request body was read before the webhook ran (request.json() or text()?), so its signature ' +
  'cannot be checked on the raw bytes; give the webhook the request before anything reads its body';

/** Answers one Fetch API request with the webhook. */
async function answerFetchRequest(
  webhook: Webhook,
  request: Request,
  adapter: string,
): Promise<WebhookResponse> {
  const headers: WebhookRequest['headers'] = Object.fromEntries(request.headers);
  const query = new URL(request.url).searchParams;
  return answerRequest(
    webhook,
    { method: request.method, query, headers },
    () => readFetchBody(request, webhook.maxBodyBytes),
    adapter,
    CONSUMED_BY_READER,
  );
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
