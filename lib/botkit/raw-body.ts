import type { IncomingMessage, Server } from 'node:http';
import { readBody, type BodyRead } from '../webhook/body.js';

const captures = new WeakMap<IncomingMessage, Promise<BodyRead>>();

/**
 * Starts reading a request's body bytes before anything else reads it, with the webhook's own reader: at most
 * `limit` bytes are kept, and an oversized body is refused with 413 while the rest is never stored.
 */
function startCapture(req: IncomingMessage, limit: number): void {
  captures.set(req, readBody(req, limit));
}

/** The bytes captured for this request by {@link installRawBodyCapture} or {@link rawBodyVerify}, if any. */
export function capturedBody(req: IncomingMessage): Promise<BodyRead> | undefined {
  return captures.get(req);
}

function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0] ?? '/';
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1).toLowerCase() : path.toLowerCase();
}

/**
 * Makes the exact body bytes of webhook POSTs available under Botkit's own web server. Botkit 4.15 mounts
 * `bodyParser.json()` (no `verify` hook, 100 kB limit) in front of every route and keeps only a text copy of the
 * body, so the adapter listens on the http server itself, ahead of express: it captures the bytes of POSTs to
 * `path` and marks them parsed (`req._body`, body-parser's own flag) so the JSON and urlencoded parsers leave them alone.
 */
export function installRawBodyCapture(server: Server, path: string, limit: number): void {
  const target = pathOf(path);
  server.prependListener('request', (req: IncomingMessage) => {
    if (req.method !== 'POST' || pathOf(req.url) !== target) return;
    startCapture(req, limit);
    (req as IncomingMessage & { _body?: boolean })._body = true;
  });
}

/**
 * A `verify` hook for body-parser / `express.json({ verify: rawBodyVerify })`: keeps the raw bytes so the
 * adapter can check Meta's signature on an app's own express server that parses JSON before the webhook route.
 */
export function rawBodyVerify(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  captures.set(req, Promise.resolve({ kind: 'complete', body: Buffer.from(buf) }));
}
