import assert from 'node:assert/strict';
import Koa from 'koa';
import { koaWebhook, WebhookSetupError } from '../../lib/webhook/index.js';
import type { Webhook } from '../../lib/webhook/index.js';
import { describeAdapterRules, useAdapter } from './conformance.js';
import { listen, oneMessage, send, signedHeaders } from './helpers.js';

/** A koa app with the webhook at /webhook, behind a stand-in JSON parser at /parsed, and the rest of the app. */
function mountKoa(webhook: Webhook) {
  const app = new Koa();
  app.silent = true; // koa's own log of aborted requests is not under test
  app.use(async (ctx, next) => {
    if (ctx.path === '/parsed') {
      const chunks: Buffer[] = [];
      for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
      (ctx.request as { body?: unknown }).body = JSON.parse(
        Buffer.concat(chunks).toString('utf8'),
      ) as unknown;
    }
    await next();
  });
  app.use(koaWebhook(webhook, { path: '/webhook' }));
  app.use(koaWebhook(webhook, { path: '/parsed' }));
  app.use((ctx) => {
    ctx.body = 'rest of the app';
  });
  return listen(app.callback());
}

describeAdapterRules('koa', mountKoa);

describe('webhook over koa: mounting', () => {
  const h = useAdapter(mountKoa);

  it('answers 500 and reports a setup error when a body parser consumed the body first', async () => {
    const body = oneMessage();
    const response = await send(h.port, { path: '/parsed', headers: signedHeaders(body), body });
    assert.equal(response.status, 500);
    assert.ok(h.errors[0] instanceof WebhookSetupError);
    await h.stillServes();
  });

  it('passes other paths on to the next middleware', async () => {
    const response = await send(h.port, { method: 'GET', path: '/elsewhere' });
    assert.equal(response.status, 200);
    assert.equal(response.body, 'rest of the app');
  });
});
