import { isUtf8 } from 'node:buffer';
import { createHash, timingSafeEqual } from 'node:crypto';
import { decodeWebhook } from '../events/index.js';
import type { DecodeResult } from '../events/index.js';
import { WebhookConfigError, logWebhookError } from './errors.js';
import { queryParam } from './query.js';
import { RESPONSES, textResponse } from './responses.js';
import { checkSignature } from './signature.js';
import type { Webhook, WebhookOptions, WebhookRequest, WebhookResponse } from './types.js';
import { isPromiseLike } from './promise.js';

/** The default body limit: 4 MiB, several times a full 1000-event batch. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

const EMPTY = new Uint8Array(0);

interface Settings {
  readonly secrets: readonly string[];
  readonly verifyToken: string;
  readonly maxBodyBytes: number;
  readonly allowSha1: boolean;
  readonly onEvents: ((result: DecodeResult) => void | Promise<void>) | undefined;
  readonly awaitHandlers: boolean;
  readonly onError: (error: unknown) => void;
}

/** Validates the options and fills in the defaults; throws WebhookConfigError naming the bad option. */
function settingsOf(options: WebhookOptions): Settings {
  const secrets: readonly string[] =
    typeof options.appSecret === 'string' ? [options.appSecret] : [...(options.appSecret ?? [])];
  if (secrets.length === 0 || secrets.some((secret) => typeof secret !== 'string' || secret === '')) {
    throw new WebhookConfigError('appSecret', 'expected a non-empty string or a non-empty list of them');
  }
  if (typeof options.verifyToken !== 'string' || options.verifyToken === '') {
    throw new WebhookConfigError('verifyToken', 'expected a non-empty string');
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new WebhookConfigError('maxBodyBytes', 'expected a positive integer number of bytes');
  }
  const onError = options.onError ?? logWebhookError;
  return {
    secrets,
    verifyToken: options.verifyToken,
    maxBodyBytes,
    allowSha1: options.allowSha1 === true,
    onEvents: options.onEvents,
    awaitHandlers: options.awaitHandlers === true,
    onError: (error) => {
      try {
        onError(error);
      } catch {
        // An onError that throws must not turn into an unhandled failure of the request.
      }
    },
  };
}

/** Compares two strings in time independent of where they differ (hashing first equalises the lengths). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The GET handshake: 200 with the challenge, 403 for a wrong token, 400 for a missing or repeated parameter or another mode. */
function handshake(settings: Settings, query: WebhookRequest['query']): WebhookResponse {
  const mode = queryParam(query, 'hub.mode');
  const token = queryParam(query, 'hub.verify_token');
  const challenge = queryParam(query, 'hub.challenge');
  if (
    mode !== 'subscribe' ||
    token === undefined ||
    token === '' ||
    challenge === undefined ||
    challenge === ''
  ) {
    return RESPONSES.badHandshake();
  }
  if (!sameSecret(token, settings.verifyToken)) return RESPONSES.wrongVerifyToken();
  return textResponse(200, challenge);
}

/** Parses verified bytes as strict UTF-8 JSON; undefined when they are not. */
function parseJson(body: Uint8Array): { value: unknown } | undefined {
  try {
    // isUtf8 is one native pass; a fatal TextDecoder built per request costs more than the parse of a small body.
    if (!isUtf8(body)) return undefined;
    let text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM, as TextDecoder would drop it
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** Hands the decoded result to onEvents; awaits it only with awaitHandlers, where a failure answers 500. */
async function dispatch(settings: Settings, result: DecodeResult): Promise<WebhookResponse> {
  if (settings.onEvents === undefined) return RESPONSES.received();
  let returned: unknown;
  try {
    returned = settings.onEvents(result);
  } catch (error) {
    settings.onError(error);
    return settings.awaitHandlers ? RESPONSES.handlerFailed() : RESPONSES.received();
  }
  if (!isPromiseLike(returned)) return RESPONSES.received();
  if (!settings.awaitHandlers) {
    Promise.resolve(returned).catch(settings.onError);
    return RESPONSES.received();
  }
  try {
    await returned;
    return RESPONSES.received();
  } catch (error) {
    settings.onError(error);
    return RESPONSES.handlerFailed();
  }
}

/** A POST: size limit, signature over the exact bytes, JSON parse, decode, hand on. */
async function notification(settings: Settings, request: WebhookRequest): Promise<WebhookResponse> {
  const body = request.body ?? EMPTY;
  if (body.byteLength > settings.maxBodyBytes) return RESPONSES.tooLarge();
  const signature = checkSignature(body, request.headers, settings.secrets, settings.allowSha1);
  if (signature === 'missing') return RESPONSES.missingSignature();
  if (signature !== 'valid') return RESPONSES.badSignature();
  const parsed = parseJson(body);
  if (parsed === undefined) return RESPONSES.malformedBody();
  return dispatch(settings, decodeWebhook(parsed.value));
}

/**
 * Creates the framework-neutral webhook endpoint that answers Meta's GET handshake and verified POSTs.
 * Status codes: handshake 200 / 400 (a missing or repeated parameter, or a mode other than `subscribe`) / 403 (wrong token);
 * POST 200 / 401 (no signature) / 403 (malformed or wrong signature) / 400 (not UTF-8 JSON) / 413 (too large)
 * / 500 (awaitHandlers and onEvents failed); any other method 405 with `Allow: GET, POST`. Signed JSON that is
 * not a webhook envelope answers 200 (Meta would redeliver it forever) and its decode issues reach `onEvents`.
 */
export function createWebhook(options: WebhookOptions): Webhook {
  const settings = settingsOf(options);
  return {
    maxBodyBytes: settings.maxBodyBytes,
    reportError: settings.onError,
    async handle(request: WebhookRequest): Promise<WebhookResponse> {
      try {
        const method = request.method.toUpperCase();
        if (method === 'GET') return handshake(settings, request.query);
        if (method === 'POST') return await notification(settings, request);
        return RESPONSES.methodNotAllowed();
      } catch (error) {
        settings.onError(error);
        return RESPONSES.handlerFailed();
      }
    },
  };
}
