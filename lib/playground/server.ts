/**
 * The playground's HTTP server: the page's static files, the live feed as Server-Sent Events, a small JSON API
 * for what the user does, and the webhook relay. Only requests addressed to this server's own host name are
 * served (a guard against DNS rebinding), and the JSON API takes only `application/json` bodies.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Asset } from './assets.js';
import { PlaygroundRequestError } from './errors.js';
import type { Feed } from './feed.js';
import type { Hello } from './types.js';
import { closeServer, listenOn, readBodyBytes } from '../webhook/index.js';

/** What the server serves besides its files: the greeting, the API and the relay. */
export interface PageServerOptions {
  readonly host: string;
  readonly port: number;
  /** Files by name; `index.html` is served at `/`. */
  readonly assets: ReadonlyMap<string, Asset>;
  readonly feed: Feed;
  readonly hello: Hello;
  /** `POST /api/users`: answers the JSON to send back (201). */
  readonly addUser: (body: unknown) => unknown;
  /** `POST /api/actions`: answers the JSON to send back (200) once the bot's webhook answered. */
  readonly act: (body: unknown) => Promise<unknown>;
  /** `POST /relay/webhook`: the emulator's webhooks, passed on to the bot. */
  readonly relay: (body: Buffer, headers: IncomingHttpHeaders) => Promise<{ status: number; body: Buffer }>;
}

/** A running page server. */
export interface PageServer {
  /** The port it listens on. */
  readonly port: number;
  /** Ends the event streams and stops listening. */
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

/** Reads the request body, or fails with a 413 past {@link MAX_BODY}. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return readBodyBytes(req, MAX_BODY, () => new PlaygroundRequestError(413, 'The body is too large'));
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new PlaygroundRequestError(415, 'The API takes application/json bodies');
  }
  const raw = await readBody(req);
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new PlaygroundRequestError(400, 'The body is not valid JSON');
  }
}

/** Starts the page server on `options.host:options.port` (0: any free port). */
export async function startPageServer(options: PageServerOptions): Promise<PageServer> {
  const streams = new Set<ServerResponse>();
  let allowedHosts = new Set<string>();

  const stream = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    req.socket.setNoDelay(true);
    const write = (value: unknown): void => {
      res.write(`data: ${JSON.stringify(value)}\n\n`);
    };
    res.write('retry: 1000\n\n');
    write(options.hello);
    for (const event of options.feed.events) write(event);
    const unsubscribe = options.feed.subscribe(write);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    streams.add(res);
    const stop = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    res.on('close', stop);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://playground.local');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path === '/relay/webhook') {
      if (method !== 'POST') throw new PlaygroundRequestError(405, 'POST only');
      const answer = await options.relay(await readBody(req), req.headers);
      res.writeHead(answer.status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(answer.body);
      return;
    }
    if (allowedHosts.size > 0 && !allowedHosts.has(String(req.headers.host ?? '').toLowerCase())) {
      throw new PlaygroundRequestError(403, 'Unknown host name');
    }
    if (path.startsWith('/api/')) {
      if (path === '/api/events' && method === 'GET') return stream(req, res);
      if (method !== 'POST') throw new PlaygroundRequestError(405, 'POST only');
      if (path === '/api/users') return sendJson(res, 201, options.addUser(await readJson(req)));
      if (path === '/api/actions') return sendJson(res, 200, await options.act(await readJson(req)));
      throw new PlaygroundRequestError(404, `No API at ${path}`);
    }
    const asset = options.assets.get(path === '/' ? 'index.html' : path.slice(1));
    if (asset === undefined) throw new PlaygroundRequestError(404, 'Not found');
    if (method !== 'GET' && method !== 'HEAD') throw new PlaygroundRequestError(405, 'GET only');
    res.writeHead(200, {
      'content-type': asset.contentType,
      'content-length': asset.body.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      ...(asset.contentType.startsWith('text/html')
        ? {
            'content-security-policy':
              "default-src 'self'; img-src 'self' data: blob: http: https:; style-src 'self'; script-src 'self'; connect-src 'self'",
          }
        : {}),
    });
    res.end(method === 'HEAD' ? undefined : asset.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof PlaygroundRequestError) sendJson(res, error.status, { error: error.message });
      else sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  const { port } = await listenOn(server, options.port, options.host);
  const bracketed = options.host.includes(':') ? `[${options.host}]` : options.host;
  // Bound to every interface on purpose: any host name may reach it. Otherwise only the loopback names.
  const everywhere = options.host === '0.0.0.0' || options.host === '::';
  allowedHosts = everywhere
    ? new Set()
    : new Set([bracketed, 'localhost', '127.0.0.1', '[::1]'].map((h) => `${h}:${port}`.toLowerCase()));
  return {
    port,
    close: async () => {
      for (const res of streams) res.end();
      streams.clear();
      await closeServer(server, { force: true });
    },
  };
}
