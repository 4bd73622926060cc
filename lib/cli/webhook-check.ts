/**
 * `messenger-rx webhook check <url>`: calls a webhook as Meta does — the GET handshake with a random challenge
 * and the verify token, then a POST signed with the app secret (X-Hub-Signature-256 over the exact bytes) — and
 * an unsigned POST, which a webhook must refuse.
 */
import { randomInt } from 'node:crypto';
import { messageOf } from '../errors/base.js';
import { SHA1_SIGNATURE_HEADER, SIGNATURE_HEADER, signBody, signBodySha1 } from '../webhook/index.js';

/** The user agent Meta's webhook requests carry. */
const META_USER_AGENT = 'facebookexternalua';

/** The outcome of one step of the check. */
export interface WebhookCheckStep {
  readonly name: 'handshake' | 'signed POST' | 'unsigned POST';
  readonly ok: boolean;
  /** The HTTP status answered (0 when the request failed). */
  readonly status: number;
  /** What was expected and what happened, in one line. */
  readonly detail: string;
}

/** What `checkWebhook` needs: the URL, the verify token and the app secret, and a timeout per request. */
export interface WebhookCheckOptions {
  readonly url: string;
  readonly verifyToken: string;
  readonly appSecret: string;
  readonly timeoutMs?: number;
}

/** The test body the check POSTs: one Messenger text, as the dashboard's test button sends. */
export function testBody(now: number = Date.now()): string {
  return JSON.stringify({
    object: 'page',
    entry: [
      {
        id: '0',
        time: now,
        messaging: [
          {
            sender: { id: '12334' },
            recipient: { id: '23245' },
            timestamp: now,
            message: { mid: `m_messenger_rx_check_${now}`, text: 'messenger-rx webhook check' },
          },
        ],
      },
    ],
  });
}

async function call(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<{ status: number; text: string } | { error: string }> {
  try {
    const headers = new Headers(init.headers);
    headers.set('user-agent', META_USER_AGENT);
    const response = await fetch(url, {
      ...init,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { error: `${messageOf(error)}${cause}` };
  }
}

/** Runs the three steps in order (the POSTs only after a good handshake) and reports each. */
export async function checkWebhook(options: WebhookCheckOptions): Promise<WebhookCheckStep[]> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const steps: WebhookCheckStep[] = [];
  const challenge = String(randomInt(1_000_000_000, 2_000_000_000));
  const handshakeUrl = new URL(options.url);
  handshakeUrl.searchParams.set('hub.mode', 'subscribe');
  handshakeUrl.searchParams.set('hub.challenge', challenge);
  handshakeUrl.searchParams.set('hub.verify_token', options.verifyToken);
  const handshake = await call(handshakeUrl.href, { method: 'GET' }, timeoutMs);
  if ('error' in handshake) {
    steps.push({ name: 'handshake', ok: false, status: 0, detail: `request failed (${handshake.error})` });
    return steps;
  }
  const echoed = handshake.status === 200 && handshake.text.trim() === challenge;
  steps.push({
    name: 'handshake',
    ok: echoed,
    status: handshake.status,
    detail: echoed
      ? 'answered 200 with the challenge'
      : handshake.status === 200
        ? 'answered 200 but not with the challenge as the body'
        : `answered ${handshake.status}, expected 200 with the challenge (is VERIFY_TOKEN the one the webhook uses?)`,
  });
  if (!echoed) return steps;

  const body = testBody();
  // Meta signs with both headers: X-Hub-Signature-256 and the legacy SHA-1 X-Hub-Signature.
  const headers = {
    'content-type': 'application/json',
    [SIGNATURE_HEADER]: signBody(body, options.appSecret),
    [SHA1_SIGNATURE_HEADER]: signBodySha1(body, options.appSecret),
  };
  const signed = await call(options.url, { method: 'POST', headers, body }, timeoutMs);
  if ('error' in signed) {
    steps.push({ name: 'signed POST', ok: false, status: 0, detail: `request failed (${signed.error})` });
    return steps;
  }
  steps.push({
    name: 'signed POST',
    ok: signed.status === 200,
    status: signed.status,
    detail:
      signed.status === 200
        ? 'answered 200'
        : `answered ${signed.status}, expected 200 (is APP_SECRET the app secret the webhook checks with?)`,
  });

  const unsigned = await call(
    options.url,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body },
    timeoutMs,
  );
  if ('error' in unsigned) {
    steps.push({ name: 'unsigned POST', ok: false, status: 0, detail: `request failed (${unsigned.error})` });
    return steps;
  }
  const refused = unsigned.status === 401 || unsigned.status === 403;
  steps.push({
    name: 'unsigned POST',
    ok: refused,
    status: unsigned.status,
    detail: refused
      ? `refused with ${unsigned.status}`
      : `answered ${unsigned.status}: the webhook accepts POSTs without a signature, anyone can send it events`,
  });
  return steps;
}
