import type { IncomingMessage, Server } from 'node:http';

const captures = new WeakMap<IncomingMessage, Buffer>();

/** The bytes {@link rawBodyVerify} kept for this request, if any. */
export function capturedBody(req: IncomingMessage): Buffer | undefined {
  return captures.get(req);
}

function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0] ?? '/';
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1).toLowerCase() : path.toLowerCase();
}

/**
 * Keeps the exact body bytes of webhook POSTs for the webhook under Botkit's own web server. Botkit 4.15 mounts
 * `bodyParser.json()` (no `verify` hook, 100 kB limit) in front of every route and keeps only a text copy of the
 * body, so the adapter listens on the http server itself, ahead of express, and marks POSTs to `path` as parsed
 * (`req._body`, body-parser's own flag): the JSON and urlencoded parsers then leave the stream alone, and the
 * webhook reads the raw bytes itself, with its own limit, when Botkit's route hands it the request.
 */
export function leaveWebhookBodiesUnparsed(server: Server, path: string): void {
  const target = pathOf(path);
  server.prependListener('request', (req: IncomingMessage) => {
    if (req.method !== 'POST' || pathOf(req.url) !== target) return;
    (req as IncomingMessage & { _body?: boolean })._body = true;
  });
}

/**
 * A `verify` hook for body-parser / `express.json({ verify: rawBodyVerify })`: keeps the raw bytes so the
 * adapter can check Meta's signature on an app's own express server that parses JSON before the webhook route.
 */
export function rawBodyVerify(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  captures.set(req, Buffer.from(buf));
}
