/**
 * The webhook endpoint Meta calls (`messenger-rx/webhook`).
 *
 * Everyday: `createWebhook({ appSecret, verifyToken, onEvents })`, then serve it with the adapter of your server:
 * `nodeHandler` (node:http, what `bot.listen()` uses), `expressWebhook`, `koaWebhook`, `fastifyWebhook`, `fetchWebhook`
 * (Cloudflare Workers, Deno, Bun, Next.js route handlers) or `honoWebhook`. Each
 * reads the raw body bytes, so the signature is checked on exactly what Meta signed.
 *
 * What Meta gets back. GET handshake: 200 with `hub.challenge`; 403 for a wrong verify token; 400 when a
 * parameter is missing or repeated, or the mode is not `subscribe`. POST: 401 without a signature, 403 for a
 * malformed or wrong one, 413 over the body limit, 400 when the body is not UTF-8 JSON, else 200 as soon as the
 * events are handed to `onEvents` (also for JSON that is not an envelope: its decode issues reach `onEvents`).
 * Any other method: 405. No answer ever repeats the body.
 */

// Creating the endpoint.
export { createWebhook } from './core.js';
export type { WebhookOptions, Webhook } from './types.js';

// Serving it from a framework.
export { nodeHandler } from './adapters/node.js';
export { expressWebhook } from './adapters/express.js';
export { koaWebhook } from './adapters/koa.js';
export { fastifyWebhook } from './adapters/fastify.js';
export { fetchWebhook } from './adapters/fetch.js';
export { honoWebhook } from './adapters/hono.js';
export type { FetchWebhookOptions } from './adapters/fetch.js';
export type { HonoContextLike } from './adapters/hono.js';
export type { NodeHandlerOptions } from './adapters/node.js';
export type { KoaWebhookOptions } from './adapters/koa.js';
export type { FastifyWebhookOptions } from './adapters/fastify.js';

// The HTTP server around it: timeouts, a connection cap, 413 before `100 Continue`.
export { DEFAULT_SERVER_LIMITS, applyServerLimits, createWebhookServer } from './server.js';
export { closeServer, listenOn } from './server.js';
export type { WebhookServerOptions } from './server.js';

// Signing bodies as Meta does (tests, emulators, tools that POST to a webhook).
export { signBody, signBodySha1, SIGNATURE_HEADER, SHA1_SIGNATURE_HEADER } from './signature.js';

// What can go wrong in the setup, and the default one-line stderr logger of `onError` options.
export { WebhookConfigError, WebhookSetupError, consoleErrorLogger } from './errors.js';

// Expert: the framework-neutral request and response, the default limit, and the shapes adapters accept.
export type { WebhookRequest, WebhookResponse } from './types.js';
export { DEFAULT_MAX_BODY_BYTES } from './core.js';
export { readBodyBytes } from './body.js';
export type { ExpressRequestLike } from './adapters/express.js';
export type { KoaContextLike } from './adapters/koa.js';
export type {
  FastifyErrorLike,
  FastifyInstanceLike,
  FastifyReplyLike,
  FastifyRequestLike,
} from './adapters/fastify.js';
