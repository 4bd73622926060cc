/**
 * The webhook endpoint: a framework-neutral core (`createWebhook`) and adapters for node:http, express, koa and
 * fastify. GET handshake: 200 challenge, 400 missing parameters or a mode other than `subscribe`, 403 wrong token.
 * POST: 401 no signature, 403 malformed or wrong signature, 413 over the limit, 400 not UTF-8 JSON, else 200
 * (also for JSON that is not an envelope: its decode issues reach `onEvents`); other methods 405.
 */
export { createWebhook, DEFAULT_MAX_BODY_BYTES } from './core.js';
export type { Webhook, WebhookOptions, WebhookRequest, WebhookResponse } from './types.js';
export { signBody, SIGNATURE_HEADER, SHA1_SIGNATURE_HEADER } from './signature.js';
export { WebhookConfigError, WebhookSetupError } from './errors.js';
export { nodeHandler } from './adapters/node.js';
export type { NodeHandlerOptions } from './adapters/node.js';
export { expressWebhook } from './adapters/express.js';
export type { ExpressRequestLike } from './adapters/express.js';
export { koaWebhook } from './adapters/koa.js';
export type { KoaContextLike, KoaWebhookOptions } from './adapters/koa.js';
export { fastifyWebhook } from './adapters/fastify.js';
export type {
  FastifyErrorLike,
  FastifyInstanceLike,
  FastifyReplyLike,
  FastifyRequestLike,
  FastifyWebhookOptions,
} from './adapters/fastify.js';
