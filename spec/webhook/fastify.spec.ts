import assert from 'node:assert/strict';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { DecodeResult } from '../../lib/events/index.js';
import { createWebhook, fastifyWebhook } from '../../lib/webhook/index.js';
import { handshakePath, hugeChunks, oneMessage, send, signedHeaders, SECRET, TOKEN } from './helpers.js';

describe('webhook over fastify', () => {
  let app: FastifyInstance;
  let port: number;
  let delivered: DecodeResult[];

  async function assertStillServes(): Promise<void> {
    const before = delivered.length;
    const body = oneMessage('still here');
    assert.equal((await send(port, { headers: signedHeaders(body), body })).status, 200);
    assert.equal(delivered.length, before + 1);
  }

  beforeEach(async () => {
    delivered = [];
    const webhook = createWebhook({
      appSecret: SECRET,
      verifyToken: TOKEN,
      maxBodyBytes: 1024 * 1024,
      onEvents: (result) => void delivered.push(result),
      onError: () => undefined,
    });
    app = Fastify();
    void app.register(fastifyWebhook(webhook, { path: '/webhook' }));
    app.post('/api', async (request) => ({ got: request.body }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });

  afterEach(() => app.close());

  it('answers the handshake with the challenge', async () => {
    const response = await send(port, { method: 'GET', path: handshakePath(TOKEN, '4242') });
    assert.equal(response.status, 200);
    assert.equal(response.body, '4242');
    assert.equal((await send(port, { method: 'GET', path: handshakePath('bad', '4242') })).status, 403);
  });

  it('delivers a signed POST with the raw bytes, a character split across chunks', async () => {
    const body = Buffer.from(oneMessage('résumé ✓'));
    const cut = body.indexOf(0xc3) + 1;
    const response = await send(port, {
      headers: signedHeaders(body),
      chunks: [body.subarray(0, cut), body.subarray(cut)],
      pauseMs: 20,
    });
    assert.equal(response.status, 200);
    const event = delivered[0]?.events[0];
    assert.ok(event?.type === 'message');
    assert.equal(event.message.text, 'résumé ✓');
  });

  it('verifies a POST sent with another content type or none', async () => {
    const body = oneMessage();
    const signature = signedHeaders(body)['x-hub-signature-256'] ?? '';
    for (const headers of [{ 'content-type': 'text/plain' }, {}] as Array<Record<string, string>>) {
      const response = await send(port, { headers: { ...headers, 'x-hub-signature-256': signature }, body });
      assert.equal(response.status, 200);
    }
    assert.equal(delivered.length, 2);
  });

  it('answers 403 to a wrong signature, then still serves', async () => {
    const body = oneMessage();
    const response = await send(port, { headers: signedHeaders(body, 'other-secret'), body });
    assert.equal(response.status, 403);
    assert.equal(delivered.length, 0);
    await assertStillServes();
  });

  it('answers 413 to a 12 MB body, streamed or declared, then still serves', async () => {
    const chunks = hugeChunks();
    const streamed = await send(port, { headers: { 'content-type': 'application/json' }, chunks });
    assert.equal(streamed.status, 413);
    await assertStillServes();
    const declared = await send(port, {
      headers: { 'content-type': 'application/json', 'content-length': chunks.length * chunks[0]!.length },
      chunks,
    });
    assert.equal(declared.status, 413);
    await assertStillServes();
  });

  it('answers 405 with Allow to another method', async () => {
    const response = await send(port, { method: 'DELETE' });
    assert.equal(response.status, 405);
    assert.equal(response.headers['allow'], 'GET, POST');
    await assertStillServes();
  });

  it('leaves JSON parsing intact for the rest of the app', async () => {
    const response = await send(port, {
      path: '/api',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    assert.equal(response.status, 200);
    assert.deepEqual(JSON.parse(response.body), { got: { a: 1 } });
  });
});
