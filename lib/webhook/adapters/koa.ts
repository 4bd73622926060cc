import type { IncomingMessage } from 'node:http';
import type { Webhook } from '../types.js';
import { RESPONSES } from '../responses.js';
import { answerNodeRequest, report } from './shared.js';

/** The parts of a koa context the adapter uses (a koa `Context` fits; no koa import needed). */
export interface KoaContextLike {
  req: IncomingMessage;
  path: string;
  request: { readonly url: string; body?: unknown };
  status: number;
  body: unknown;
  set(field: Record<string, string>): void;
}

/** Options of {@link koaWebhook}. */
export interface KoaWebhookOptions {
  /** Serve only this path and pass other requests to `next()`. Default: answer every request it sees. */
  path?: string;
}

/**
 * A koa middleware for the webhook: `app.use(koaWebhook(webhook, { path: '/webhook' }))` or behind a router.
 * It reads the raw bytes from `ctx.req` (a Buffer in `ctx.request.body` is used when a raw parser left one;
 * a string `rawBody` is not raw bytes), so mount it before any JSON body parser. Koa's server is yours, so its timeouts and connection cap are too:
 * start it with `createWebhookServer(app.callback())` to close slow clients and answer 413 before `100 Continue`.
 */
export function koaWebhook(
  webhook: Webhook,
  options: KoaWebhookOptions = {},
): (ctx: KoaContextLike, next: () => Promise<unknown>) => Promise<void> {
  return async (ctx, next) => {
    if (options.path !== undefined && ctx.path !== options.path) {
      await next();
      return;
    }
    let response;
    try {
      response = await answerNodeRequest(webhook, ctx.req, 'koa', ctx.request.body);
    } catch (error) {
      report(webhook, error);
      response = RESPONSES.handlerFailed();
    }
    ctx.status = response.status;
    ctx.set(response.headers);
    ctx.body = response.body;
  };
}
