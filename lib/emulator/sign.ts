import { createHmac } from 'node:crypto';

/** The header Meta signs webhooks with. */
export const SIGNATURE_256_HEADER = 'x-hub-signature-256';
/** The legacy SHA-1 header some older handlers still check. */
export const SIGNATURE_SHA1_HEADER = 'x-hub-signature';

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes keyed with the app secret, as in `X-Hub-Signature-256`. */
export function signature256(body: string | Uint8Array, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** `sha1=<hex>`: the legacy `X-Hub-Signature` value. */
export function signatureSha1(body: string | Uint8Array, appSecret: string): string {
  return `sha1=${createHmac('sha1', appSecret).update(body).digest('hex')}`;
}

/** The `appsecret_proof` Graph expects with a token: HMAC-SHA256 of the token keyed with the app secret (hex). */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}
