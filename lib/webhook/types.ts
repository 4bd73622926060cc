import type { DecodeResult } from '../events/index.js';

/** Options of {@link createWebhook}: the app's secrets, the verify token, limits and where decoded events go. */
export interface WebhookOptions {
  /** The app secret that signs Meta's POSTs; several during a rotation (any one of them verifies). */
  appSecret: string | readonly string[];
  /** The Verify Token entered in the app dashboard, compared with `hub.verify_token` on the GET handshake. */
  verifyToken: string;
  /** Largest accepted POST body in bytes; bigger bodies answer 413. Default 4 MiB (a 1000-event batch fits). */
  maxBodyBytes?: number;
  /** Accept the legacy `X-Hub-Signature: sha1=<hex>` when no SHA-256 signature is sent. Default false. */
  allowSha1?: boolean;
  /** Called once per verified, decoded POST with the events and the decode issues (even when there are no events). */
  onEvents?: (result: DecodeResult) => void | Promise<void>;
  /**
   * Wait for the promise `onEvents` returns before answering (for serverless hosts that freeze after the
   * response); a failure then answers 500 so Meta retries. Default false: answer 200 right after `onEvents` returns.
   */
  awaitHandlers?: boolean;
  /** Receives failures of `onEvents` (sync throws and rejections) and setup errors; default logs a short line. */
  onError?: (error: unknown) => void;
}

/** A framework-neutral HTTP request: method, query, headers and the raw body bytes exactly as received. */
export interface WebhookRequest {
  method: string;
  query: URLSearchParams | Record<string, string | readonly string[] | undefined>;
  headers: Record<string, string | readonly string[] | undefined>;
  body?: Uint8Array;
}

/** A framework-neutral HTTP response; the body is always a short fixed string (or the handshake challenge). */
export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A configured webhook endpoint: turns one {@link WebhookRequest} into one {@link WebhookResponse}. */
export interface Webhook {
  /** Answers one request; never rejects. Verified POSTs hand their decoded events to `onEvents` first. */
  handle(request: WebhookRequest): Promise<WebhookResponse>;
  /** The body limit in bytes, for adapters that stop reading early. */
  readonly maxBodyBytes: number;
  /** Hands an adapter's setup problem (e.g. a body parser ate the raw bytes) to `onError`; optional for fakes. */
  reportError?(error: unknown): void;
}
