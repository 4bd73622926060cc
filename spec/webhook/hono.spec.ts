import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { createWebhook, honoWebhook, WebhookSetupError } from '../../lib/webhook/index.js';
import type { Webhook } from '../../lib/webhook/index.js';
import type { DecodeResult } from '../../lib/events/index.js';
import { assertJsonRouteIntact, describeAdapterRules, useAdapter } from './conformance.js';
import { serveFetch } from './fetch-bridge.js';
import { handshakePath, oneMessage, send, signedHeaders, SECRET, TOKEN } from './helpers.js';

/** A Hono app: the webhook at /webhook, a JSON route at /api, and a route whose middleware reads the body first. */
function honoApp(webhook: Webhook): Hono {
  const app = new Hono();
  app.all('/webhook', honoWebhook(webhook));
  app.post('/api', async (c) => c.json({ got: await c.req.json<unknown>() }));
  app.post(
    '/parsed',
    async (c, next) => {
      await c.req.json<unknown>();
      await next();
    },
    honoWebhook(webhook),
  );
  return app;
}

describeAdapterRules('hono', (webhook) =>
  serveFetch((request) => Promise.resolve(honoApp(webhook).fetch(request))),
);

describe('webhook over hono: mounting', () => {
  const h = useAdapter((webhook) => {
    const app = honoApp(webhook);
    return serveFetch((request) => Promise.resolve(app.fetch(request)));
  });

  it('leaves JSON parsing intact for the rest of the app', () => assertJsonRouteIntact(h.port));

  it('answers 500 and reports a setup error when a middleware read the body first', async () => {
    const body = oneMessage();
    const response = await send(h.port, { path: '/parsed', headers: signedHeaders(body), body });
    assert.equal(response.status, 500);
    assert.ok(h.errors[0] instanceof WebhookSetupError);
    await h.stillServes();
  });

  it('serves app.request(): the handshake and a signed POST over the exact bytes', async () => {
    const delivered: DecodeResult[] = [];
    const app = honoApp(
      createWebhook({ appSecret: SECRET, verifyToken: TOKEN, onEvents: (r) => void delivered.push(r) }),
    );
    const handshake = await app.request(handshakePath(TOKEN, '42'));
    assert.equal(handshake.status, 200);
    assert.equal(await handshake.text(), '42');
    const body = oneMessage('\u00e4\u00f6\u00e5');
    const ok = await app.request('/webhook', { method: 'POST', headers: signedHeaders(body), body });
    assert.equal(ok.status, 200);
    assert.equal(delivered.length, 1);
    const unsigned = await app.request('/webhook', { method: 'POST', body });
    assert.equal(unsigned.status, 401);
  });
});
