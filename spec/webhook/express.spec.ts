import assert from 'node:assert/strict';
import express from 'express';
import { expressWebhook, WebhookSetupError } from '../../lib/webhook/index.js';
import type { Webhook } from '../../lib/webhook/index.js';
import { assertJsonRouteIntact, describeAdapterRules, useAdapter } from './conformance.js';
import { listen, oneMessage, send, signedHeaders, SECRET } from './helpers.js';

/** An express app with the webhook at /webhook (no parser), /raw (after express.raw()) and /parsed (after express.json()). */
function mountExpress(webhook: Webhook) {
  const app = express();
  app.use('/webhook', expressWebhook(webhook));
  app.use('/raw', express.raw({ type: () => true, limit: webhook.maxBodyBytes }), expressWebhook(webhook));
  app.use('/parsed', express.json(), expressWebhook(webhook));
  app.use(express.json());
  app.post('/api', (req, res) => {
    res.json({ got: req.body as unknown });
  });
  return listen(app);
}

describeAdapterRules('express', mountExpress);

describe('webhook over express: body parsers', () => {
  const h = useAdapter(mountExpress);

  it('delivers a signed POST from the Buffer that express.raw() left in req.body', async () => {
    const body = oneMessage('from raw');
    const response = await send(h.port, { path: '/raw', headers: signedHeaders(body), body });
    assert.equal(response.status, 200);
    assert.equal(h.delivered.length, 1);
  });

  it('answers 500 and reports a setup error when a JSON parser consumed the body first', async () => {
    const body = oneMessage('ECHO_ME');
    const response = await send(h.port, { path: '/parsed', headers: signedHeaders(body), body });
    assert.equal(response.status, 500);
    assert.ok(!response.body.includes('ECHO_ME'));
    assert.equal(h.delivered.length, 0);
    assert.ok(h.errors[0] instanceof WebhookSetupError);
    assert.ok(!(h.errors[0] as Error).message.includes(SECRET));
    await h.stillServes();
  });

  it('answers 403 to a wrong signature after express.raw(), then still serves', async () => {
    const body = oneMessage();
    const response = await send(h.port, { path: '/raw', headers: signedHeaders(body, 'other-secret'), body });
    assert.equal(response.status, 403);
    await h.stillServes('/raw');
  });

  it('leaves JSON parsing intact for the rest of the app', () => assertJsonRouteIntact(h.port));
});
