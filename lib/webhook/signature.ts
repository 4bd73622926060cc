import { createHmac, timingSafeEqual } from 'node:crypto';
import { headerValue } from './query.js';
import type { WebhookRequest } from './types.js';

/** The header that carries Meta's HMAC-SHA256 signature of the raw body, lower-cased as node:http gives it. */
export const SIGNATURE_HEADER = 'x-hub-signature-256';

/** The legacy header with an HMAC-SHA1 signature; accepted only when `allowSha1` is set. */
export const SHA1_SIGNATURE_HEADER = 'x-hub-signature';

/**
 * Signs a body as Meta does: `'sha256=' + hex(HMAC-SHA256(appSecret, bytes))`, a string being taken as UTF-8.
 * Handy for tests, emulators and tools that POST to a webhook.
 */
export function signBody(body: Uint8Array | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/**
 * Signs a body with the legacy algorithm: `'sha1=' + hex(HMAC-SHA1(appSecret, bytes))`, the `X-Hub-Signature`
 * value some older handlers still check. For tests, emulators and tools that POST to a webhook.
 */
export function signBodySha1(body: Uint8Array | string, appSecret: string): string {
  return `sha1=${createHmac('sha1', appSecret).update(body).digest('hex')}`;
}

/** The outcome of checking a request's signature: valid, absent (401), unparsable (403) or wrong (403). */
export type SignatureCheck = 'valid' | 'missing' | 'malformed' | 'mismatch';

type Algorithm = 'sha256' | 'sha1';
const HEX_LENGTH: Record<Algorithm, number> = { sha256: 64, sha1: 40 };

/** Decodes `<algorithm>=<hex>` into the digest bytes, or undefined when the value is not exactly that. */
function parseSignature(value: string, algorithm: Algorithm): Buffer | undefined {
  const trimmed = value.trim();
  const prefix = `${algorithm}=`;
  if (trimmed.slice(0, prefix.length).toLowerCase() !== prefix) return undefined;
  const hex = trimmed.slice(prefix.length);
  if (hex.length !== HEX_LENGTH[algorithm] || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  return Buffer.from(hex, 'hex');
}

/** Compares the given digest with the HMAC of the body under every secret, in constant time per secret. */
function matchesAnySecret(
  body: Uint8Array,
  given: Buffer,
  secrets: readonly string[],
  algorithm: Algorithm,
): boolean {
  let matched = false;
  for (const secret of secrets) {
    const expected = createHmac(algorithm, secret).update(body).digest();
    if (expected.length === given.length && timingSafeEqual(expected, given)) matched = true;
  }
  return matched;
}

/**
 * Checks the request's `X-Hub-Signature-256` (or, when allowed and the SHA-256 header is absent, the legacy
 * `X-Hub-Signature`) against the exact body bytes with every configured secret. Never throws.
 */
export function checkSignature(
  body: Uint8Array,
  headers: WebhookRequest['headers'],
  secrets: readonly string[],
  allowSha1: boolean,
): SignatureCheck {
  const sha256 = headerValue(headers, SIGNATURE_HEADER);
  const sha1 = allowSha1 ? headerValue(headers, SHA1_SIGNATURE_HEADER) : undefined;
  const [value, algorithm]: [string | undefined, Algorithm] =
    sha256 !== undefined && sha256.trim() !== '' ? [sha256, 'sha256'] : [sha1, 'sha1'];
  if (value === undefined || value.trim() === '') return 'missing';
  const given = parseSignature(value, algorithm);
  if (given === undefined) return 'malformed';
  return matchesAnySecret(body, given, secrets, algorithm) ? 'valid' : 'mismatch';
}
