import assert from 'node:assert/strict';
import { createWebhook, fetchWebhook, WebhookSetupError } from '../../lib/webhook/index.js';
import type { Webhook } from '../../lib/webhook/index.js';
import type { DecodeResult } from '../../lib/events/index.js';
import { describeAdapterRules, useAdapter } from './conformance.js';
import { serveFetch } from './fetch-bridge.js';
import { handshakePath, oneMessage, send, signedHeaders, SECRET, TOKEN } from './helpers.js';

/** A Fetch runtime serving the webhook at /webhook and its own JSON route at /api. */
function mountFetch(webhook: Webhook) {
  const handle = fetchWebhook(webhook, { path: '/webhook' });
  return serveFetch(async (request) => {
    const url = new URL(request.url);
    if (url.pathname === '/api') return Response.json({ got: await request.json() });
    if (url.pathname === '/parsed') {
      await request.text();
      return fetchWebhook(webhook)(request);
    }
    return handle(request);
  });
}

describeAdapterRules('a Fetch API runtime (fetchWebhook)', mountFetch);

describe('webhook over the Fetch API: Request in, Response out', () => {
  const h = useAdapter(mountFetch);

  it('answers 500 and reports a setup error when the body was read first (request.text())', async () => {
    const body = oneMessage();
    const response = await send(h.port, { path: '/parsed', headers: signedHeaders(body), body });
    assert.equal(response.status, 500);
    assert.ok(h.errors[0] instanceof WebhookSetupError);
    await h.stillServes();
  });

  it('is a plain (Request) => Promise<Response> under Node’s own Request and Response', async () => {
    const delivered: DecodeResult[] = [];
    const handler = fetchWebhook(
      createWebhook({ appSecret: SECRET, verifyToken: TOKEN, onEvents: (r) => void delivered.push(r) }),
      { path: '/webhook' },
    );
    const handshake = await handler(new Request(`https://bot.example${handshakePath(TOKEN, '1158201444')}`));
    assert.equal(handshake.status, 200);
    assert.equal(await handshake.text(), '1158201444');

    const body = oneMessage('Grüße äöå 👋');
    const bytes = new TextEncoder().encode(body);
    const ok = await handler(
      new Request('https://bot.example/webhook', {
        method: 'POST',
        headers: signedHeaders(body),
        body: bytes,
      }),
    );
    assert.equal(ok.status, 200);
    assert.equal(delivered.length, 1);
    assert.equal(delivered[0]?.events[0]?.type, 'message');

    const tampered = await handler(
      new Request('https://bot.example/webhook', {
        method: 'POST',
        headers: signedHeaders(body),
        body: body.replace('Grüße', 'Grusse'),
      }),
    );
    assert.equal(tampered.status, 403);
    assert.equal((await handler(new Request('https://bot.example/elsewhere'))).status, 404);
    assert.equal(delivered.length, 1);
  });
});
