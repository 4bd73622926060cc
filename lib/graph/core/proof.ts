import { createHmac } from 'node:crypto';

/**
 * Computes Graph's `appsecret_proof`: the hex HMAC-SHA256 of the access token keyed with the app secret.
 * Graph checks it on every server call when the app requires it.
 */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(accessToken, 'utf8').digest('hex');
}
