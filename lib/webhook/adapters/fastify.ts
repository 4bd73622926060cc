import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { queryOfUrl } from '../query.js';
import { RESPONSES, textResponse } from '../responses.js';
import type { Webhook, WebhookResponse } from '../types.js';
import { report } from './shared.js';

/** The parts of a fastify request the adapter uses. */
export interface FastifyRequestLike {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body?: unknown;
  raw: IncomingMessage;
}

/** The parts of a fastify reply the adapter uses. */
export interface FastifyReplyLike {
  code(statusCode: number): FastifyReplyLike;
  headers(values: Record<string, string>): FastifyReplyLike;
  send(payload?: unknown): FastifyReplyLike;
}

/** The parts of a fastify error the adapter uses. */
export interface FastifyErrorLike {
  statusCode?: number;
}

/** The parts of a fastify instance the plugin uses (a `FastifyInstance` fits; no fastify import needed). */
export interface FastifyInstanceLike {
  removeAllContentTypeParsers(): unknown;
  addContentTypeParser(
    contentType: string,
    options: { parseAs: 'buffer'; bodyLimit: number },
    parser: (request: unknown, body: Buffer, done: (error: Error | null, body?: unknown) => void) => void,
  ): unknown;
  setErrorHandler(
    handler: (error: FastifyErrorLike, request: unknown, reply: FastifyReplyLike) => unknown,
  ): unknown;
  all(
    path: string,
    options: { bodyLimit: number },
    handler: (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<unknown>,
  ): unknown;
}

/** Options of {@link fastifyWebhook}. */
export interface FastifyWebhookOptions {
  /** The route path, e.g. `/webhook`. */
  path: string;
}

function send(reply: FastifyReplyLike, response: WebhookResponse): FastifyReplyLike {
  return reply.code(response.status).headers(response.headers).send(response.body);
}

/**
 * A fastify plugin serving the webhook at `path`: `app.register(fastifyWebhook(webhook, { path: '/webhook' }))`.
 * Inside its own encapsulated scope it replaces the body parsers with one that keeps the raw Buffer (limited to
 * the webhook's `maxBodyBytes`), so the rest of the app keeps its JSON parsing. A plugin cannot change the
 * server fastify made (its own `requestTimeout` defaults to none); create the app with
 * `Fastify({ serverFactory: (handler) => createWebhookServer(handler) })` to close slow clients, cap connections
 * and answer 413 before `100 Continue`.
 */
export function fastifyWebhook(
  webhook: Webhook,
  options: FastifyWebhookOptions,
): (instance: FastifyInstanceLike, pluginOptions: unknown, done: (error?: Error) => void) => void {
  return (instance, _pluginOptions, done) => {
    const bodyLimit = webhook.maxBodyBytes;
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, parsed) =>
      parsed(null, body),
    );
    instance.setErrorHandler((error, _request, reply) => {
      if (error.statusCode === 413) return send(reply, RESPONSES.tooLarge());
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) return send(reply, textResponse(status, 'Bad Request'));
      report(webhook, error);
      return send(reply, RESPONSES.handlerFailed());
    });
    instance.all(options.path, { bodyLimit }, async (request, reply) => {
      const body = request.body instanceof Uint8Array ? request.body : undefined;
      const response = await webhook.handle({
        method: request.method,
        query: queryOfUrl(request.url),
        headers: request.headers,
        ...(body === undefined ? {} : { body }),
      });
      return send(reply, response);
    });
    done();
  };
}
