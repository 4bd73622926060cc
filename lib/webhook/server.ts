import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { declaredTooLarge } from './body.js';
import { DEFAULT_MAX_BODY_BYTES } from './core.js';
import { WebhookConfigError } from './errors.js';
import { RESPONSES } from './responses.js';

/**
 * Limits of the HTTP server a webhook runs on. Meta sends each notification whole, at once, and gives up after
 * 20 s, so a client that is slower than that is no Meta and need not be waited for.
 */
export interface WebhookServerOptions {
  /** Time a client has to send the request headers; default 10 000 ms. Past it Node answers 408 and closes. */
  headersTimeoutMs?: number;
  /**
   * Time a client has to send the whole request, body included; default 20 000 ms (Meta's own give-up time).
   * Past it Node answers 408 (or, once the handler has the request, closes the connection).
   */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open; default 5 000 ms (Node's default). */
  keepAliveTimeoutMs?: number;
  /** Most open connections; further ones are closed as they arrive. Default 1 000. */
  maxConnections?: number;
  /**
   * How often Node looks for requests past their header or request timeout, in ms; default 1 000 (Node's own
   * default is 30 000, which lets a slow client stay up to 30 s past its timeout).
   */
  checkIntervalMs?: number;
  /**
   * The body limit: a request with `Expect: 100-continue` and a larger `Content-Length` is answered 413 without
   * being invited to upload. Default 4 MiB, the webhook's default; pass the webhook's `maxBodyBytes`.
   */
  maxBodyBytes?: number;
}

/** The limits {@link createWebhookServer} applies when given none. */
export const DEFAULT_SERVER_LIMITS: Readonly<Required<WebhookServerOptions>> = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 20_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
  checkIntervalMs: 1_000,
  maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
});

/** Fills in the defaults and checks each limit; throws WebhookConfigError naming a bad one. */
function limitsOf(options: WebhookServerOptions): Required<WebhookServerOptions> {
  const limits = { ...DEFAULT_SERVER_LIMITS };
  for (const key of Object.keys(DEFAULT_SERVER_LIMITS) as (keyof WebhookServerOptions)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new WebhookConfigError(key, 'expected a positive integer');
    }
    limits[key] = value;
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new WebhookConfigError('headersTimeoutMs', 'must not be longer than requestTimeoutMs');
  }
  return limits;
}

/**
 * Creates the `node:http` server of a webhook with the limits a public endpoint needs (see
 * {@link WebhookServerOptions}): header and request timeouts, a connection cap, and 413 rather than
 * `100 Continue` for a declared body over the limit. `bot.listen()` uses it; for your own framework pass its
 * listener: `createWebhookServer(app)` (express), `createWebhookServer(app.callback())` (koa),
 * `fastify({ serverFactory: (handler) => createWebhookServer(handler) })`.
 */
export function createWebhookServer(listener: RequestListener, options: WebhookServerOptions = {}): Server {
  const limits = limitsOf(options);
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    listener,
  );
  server.maxConnections = limits.maxConnections;
  answerContinue(server, limits.maxBodyBytes);
  return server;
}

/**
 * Starts `server` listening on `port` (0 picks a free one) and `host` (default: every interface), and resolves
 * with the address it bound once it listens, so the chosen port can be read. Rejects with the listen error
 * (`EADDRINUSE`, `EACCES`, ...) instead of leaving it to the server's `'error'` event.
 */
export function listenOn(server: NetServer, port: number, host?: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Stops `server` and resolves once it has closed (at once when it is not listening). By default requests in
 * flight finish and only idle keep-alive connections are closed; `{ force: true }` drops every open connection,
 * for a test server or a stop that must not wait.
 */
export function closeServer(
  server: Server,
  options: { readonly force?: boolean | undefined } = {},
): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    if (options.force === true) server.closeAllConnections();
    else server.closeIdleConnections();
  });
}

/** A server's timeout check interval, a property Node reads when the server starts listening. */
interface CheckedServer {
  connectionsCheckingInterval?: number;
}

/**
 * Applies the same limits to a server you already have (e.g. the one `app.listen()` returned). The check
 * interval only takes effect on a server that is not listening yet; on a listening one Node keeps checking every
 * 30 s, so a slow client may stay up to 30 s past its timeout. Returns the server.
 */
export function applyServerLimits(server: Server, options: WebhookServerOptions = {}): Server {
  const limits = limitsOf(options);
  server.requestTimeout = limits.requestTimeoutMs;
  server.headersTimeout = limits.headersTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  if (!server.listening) (server as CheckedServer).connectionsCheckingInterval = limits.checkIntervalMs;
  answerContinue(server, limits.maxBodyBytes);
  return server;
}

/**
 * Takes over `Expect: 100-continue` from Node (which would invite every upload): a declared `Content-Length`
 * over the limit gets 413 and the connection closes; any other request gets `100 Continue` and goes to the
 * server's request listeners as usual.
 */
function answerContinue(server: Server, maxBodyBytes: number): void {
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (declaredTooLarge(req.headers, maxBodyBytes)) {
      const response = RESPONSES.tooLarge();
      res.shouldKeepAlive = false;
      res.writeHead(response.status, {
        ...response.headers,
        connection: 'close',
        'content-length': Buffer.byteLength(response.body),
      });
      res.end(response.body);
      return;
    }
    res.writeContinue();
    server.emit('request', req, res);
  });
}
