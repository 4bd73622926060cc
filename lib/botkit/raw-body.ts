import type { IncomingMessage, Server } from 'node:http';

/** The bytes of a request body as they arrived; `complete: false` when the client went away or it hit the limit. */
type Capture = { kind: 'complete'; body: Buffer } | { kind: 'too-large'; body: Buffer } | { kind: 'failed' };

const captures = new WeakMap<IncomingMessage, Promise<Capture>>();

/**
 * Starts collecting a request's body bytes before anything else reads it. Keeps at most `limit + 1` bytes, so
 * an oversized body is still refused with 413 by the webhook while the rest is never stored.
 */
function startCapture(req: IncomingMessage, limit: number): void {
  const capture = new Promise<Capture>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer | string) => {
      if (size > limit) return;
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      const room = limit + 1 - size;
      chunks.push(bytes.length > room ? bytes.subarray(0, room) : bytes);
      size += Math.min(bytes.length, room);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks, size);
      resolve(size > limit ? { kind: 'too-large', body } : { kind: 'complete', body });
    });
    req.on('error', () => resolve({ kind: 'failed' }));
    req.on('close', () => resolve({ kind: 'failed' }));
  });
  captures.set(req, capture);
}

/** The bytes captured for this request by {@link installRawBodyCapture} or {@link rawBodyVerify}, if any. */
export function capturedBody(req: IncomingMessage): Promise<Capture> | undefined {
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
