import { createHmac } from 'node:crypto';

/** Signs a body the way Meta does: `sha256=` and the hex HMAC-SHA256 of the exact bytes under the app secret. */
export function signBody(body: string | Uint8Array, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}
