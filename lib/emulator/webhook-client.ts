/** The Meta side of webhooks: signed POSTs and the GET verification handshake, sent to a bot's webhook URL. */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { WebhookDeliveryError } from './errors.js';
import { SHA1_SIGNATURE_HEADER, SIGNATURE_HEADER, signBody, signBodySha1 } from '../webhook/index.js';

/** How to sign and send one webhook POST. */
export interface DeliverOptions {
  /** `valid` (default), `invalid` (signed with a wrong secret) or `missing` (no signature header). */
  readonly signature?: 'valid' | 'invalid' | 'missing';
  /** Also send the legacy `X-Hub-Signature: sha1=…` header. */
  readonly sha1?: boolean;
  /** Serialise like Meta: non-ASCII as `\uXXXX` and `/` as `\/` (default true); ignored for string bodies. */
  readonly escapeUnicode?: boolean;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** What the bot answered to a webhook POST or GET. */
export interface DeliveryResult {
  /** The HTTP status the bot answered. */
  readonly status: number;
  /** The response body as text. */
  readonly body: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The exact bytes that were sent (POST) or the empty string (GET). */
  readonly sent: string;
}

/** Serialises a body the way Meta does: JSON with non-ASCII characters and `/` escaped. */
export function serialiseLikeMeta(body: unknown, escapeUnicode = true): string {
  const json = JSON.stringify(body);
  if (!escapeUnicode) return json;
  return json
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Sends webhooks over keep-alive connections it owns; `close()` releases them. */
export class WebhookClient {
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly appSecret: string,
    private readonly timeoutMs: number,
  ) {}

  /** POSTs `body` (an object, serialised like Meta, or exact text/bytes) signed with the app secret. */
  post(url: string, body: unknown, options: DeliverOptions = {}): Promise<DeliveryResult> {
    const raw =
      typeof body === 'string'
        ? body
        : body instanceof Uint8Array
          ? Buffer.from(body).toString('utf8')
          : serialiseLikeMeta(body, options.escapeUnicode ?? true);
    const bytes = typeof body === 'object' && body instanceof Uint8Array ? body : Buffer.from(raw, 'utf8');
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'facebookexternalua',
      ...options.headers,
    };
    const mode = options.signature ?? 'valid';
    if (mode !== 'missing') {
      const secret = mode === 'valid' ? this.appSecret : `${this.appSecret}-wrong`;
      headers[SIGNATURE_HEADER] = signBody(bytes, secret);
      if (options.sha1 === true) headers[SHA1_SIGNATURE_HEADER] = signBodySha1(bytes, secret);
    }
    return this.send(url, 'POST', headers, bytes, raw);
  }

  /** Sends the GET verification handshake (`hub.mode=subscribe`, `hub.verify_token`, `hub.challenge`). */
  verify(url: string, verifyToken: string, challenge: string): Promise<DeliveryResult> {
    const target = new URL(url);
    target.searchParams.set('hub.mode', 'subscribe');
    target.searchParams.set('hub.verify_token', verifyToken);
    target.searchParams.set('hub.challenge', challenge);
    return this.send(target.toString(), 'GET', { 'user-agent': 'facebookplatform/1.0' }, undefined, '');
  }

  /** Waits for sends in flight, then closes the pooled connections. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private send(
    url: string,
    method: string,
    headers: Record<string, string>,
    bytes: Uint8Array | undefined,
    sent: string,
  ): Promise<DeliveryResult> {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const promise = new Promise<DeliveryResult>((resolve, reject) => {
      const fail = (cause: unknown): void => reject(new WebhookDeliveryError(url, cause));
      const options = {
        method,
        headers: bytes !== undefined ? { ...headers, 'content-length': String(bytes.length) } : headers,
        agent: secure ? this.httpsAgent : this.httpAgent,
        timeout: this.timeoutMs,
      };
      const onResponse = (res: IncomingMessage): void => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', fail);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
            sent,
          }),
        );
      };
      const req = secure
        ? httpsRequest(target, options, onResponse)
        : httpRequest(target, options, onResponse);
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', fail);
      req.end(bytes);
    });
    this.inFlight.add(promise);
    const forget = (): void => {
      this.inFlight.delete(promise);
    };
    promise.then(forget, forget);
    return promise;
  }
}
