import assert from 'node:assert/strict';
import express from 'express';
import type { DecodeResult } from '../../lib/events/index.js';
import { createWebhook, expressWebhook, WebhookSetupError } from '../../lib/webhook/index.js';
import {
  handshakePath,
  hugeChunks,
  listen,
  oneMessage,
  send,
  sendGood,
  signedHeaders,
  SECRET,
  TOKEN,
} from './helpers.js';
import type { Running } from './helpers.js';

describe('webhook over express', () => {
  let server: Running;
  let delivered: DecodeResult[];
  let errors: unknown[];

  async function assertStillServes(path = '/webhook'): Promise<void> {
    const before = delivered.length;
    assert.equal((await sendGood(server.port, path)).status, 200);
    assert.equal(delivered.length, before + 1);
  }

  beforeEach(async () => {
    delivered = [];
    errors = [];
    const webhook = createWebhook({
      appSecret: SECRET,
      verifyToken: TOKEN,
      maxBodyBytes: 1024 * 1024,
      onEvents: (result) => void delivered.push(result),
      onError: (error) => errors.push(error),
    });
    const app = express();
    app.use('/webhook', expressWebhook(webhook));
    app.use('/raw', express.raw({ type: () => true, limit: webhook.maxBodyBytes }), expressWebhook(webhook));
    app.use('/parsed', express.json(), expressWebhook(webhook));
    app.use(express.json());
    app.post('/api', (req, res) => {
      res.json({ got: req.body as unknown });
    });
    server = await listen(app);
  });

  afterEach(() => server.close());

  it('answers the handshake with the challenge', async () => {
    const response = await send(server.port, { method: 'GET', path: handshakePath(TOKEN, '777') });
    assert.equal(response.status, 200);
    assert.equal(response.body, '777');
    assert.equal((await send(server.port, { method: 'GET', path: handshakePath('bad', '777') })).status, 403);
  });

  it('delivers a signed POST read from the stream when no body parser ran', async () => {
    const body = Buffer.from(oneMessage('ça va? ✓'));
    const cut = body.indexOf(0xc3) + 1;
    const response = await send(server.port, {
      headers: signedHeaders(body),
      chunks: [body.subarray(0, cut), body.subarray(cut)],
      pauseMs: 20,
    });
    assert.equal(response.status, 200);
    const event = delivered[0]?.events[0];
    assert.ok(event?.type === 'message');
    assert.equal(event.message.text, 'ça va? ✓');
  });

  it('delivers a signed POST from the Buffer that express.raw() left in req.body', async () => {
    const body = oneMessage('from raw');
    const response = await send(server.port, { path: '/raw', headers: signedHeaders(body), body });
    assert.equal(response.status, 200);
    assert.equal(delivered.length, 1);
  });

  it('answers 500 and reports a setup error when a JSON parser consumed the body first', async () => {
    const body = oneMessage('ECHO_ME');
    const response = await send(server.port, { path: '/parsed', headers: signedHeaders(body), body });
    assert.equal(response.status, 500);
    assert.ok(!response.body.includes('ECHO_ME'));
    assert.equal(delivered.length, 0);
    assert.ok(errors[0] instanceof WebhookSetupError);
    assert.ok(!(errors[0] as Error).message.includes(SECRET));
    await assertStillServes();
  });

  it('answers 403 to a wrong signature on both mounts, then still serves', async () => {
    const body = oneMessage();
    for (const path of ['/webhook', '/raw']) {
      const response = await send(server.port, { path, headers: signedHeaders(body, 'other-secret'), body });
      assert.equal(response.status, 403);
    }
    assert.equal(delivered.length, 0);
    await assertStillServes('/webhook');
    await assertStillServes('/raw');
  });

  it('answers 413 to a 12 MB body, then still serves', async () => {
    const response = await send(server.port, {
      headers: { 'content-type': 'application/json' },
      chunks: hugeChunks(),
    });
    assert.equal(response.status, 413);
    await assertStillServes();
  });

  it('leaves JSON parsing intact for the rest of the app', async () => {
    const response = await send(server.port, {
      path: '/api',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    assert.equal(response.status, 200);
    assert.deepEqual(JSON.parse(response.body), { got: { a: 1 } });
  });
});
