import type { WebhookResponse } from './types.js';

const TEXT_HEADERS = {
  'content-type': 'text/plain; charset=utf-8',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
} as const;

/** A plain-text response with the common safe headers; bodies are fixed strings (the challenge aside). */
export function textResponse(
  status: number,
  body: string,
  headers: Record<string, string> = {},
): WebhookResponse {
  return { status, headers: { ...TEXT_HEADERS, ...headers }, body };
}

/** The fixed responses of the endpoint; none of them ever repeats any part of the request body. */
export const RESPONSES = {
  received: () => textResponse(200, 'EVENT_RECEIVED'),
  badHandshake: () =>
    textResponse(400, 'Bad Request: expected hub.mode=subscribe, hub.verify_token, hub.challenge'),
  wrongVerifyToken: () => textResponse(403, 'Forbidden: verify token mismatch'),
  missingSignature: () => textResponse(401, 'Unauthorized: missing X-Hub-Signature-256'),
  badSignature: () => textResponse(403, 'Forbidden: invalid signature'),
  malformedBody: () => textResponse(400, 'Bad Request: body is not valid UTF-8 JSON'),
  tooLarge: () => textResponse(413, 'Payload Too Large', { connection: 'close' }),
  methodNotAllowed: () => textResponse(405, 'Method Not Allowed', { allow: 'GET, POST' }),
  notFound: () => textResponse(404, 'Not Found'),
  handlerFailed: () => textResponse(500, 'Internal Server Error'),
  setupError: () => textResponse(500, 'Internal Server Error: webhook misconfigured, see the server log'),
  incompleteBody: () => textResponse(400, 'Bad Request: incomplete body', { connection: 'close' }),
} as const;
