import assert from 'node:assert/strict';
import Koa from 'koa';
import type { DecodeResult } from '../../lib/events/index.js';
import { createWebhook, koaWebhook, WebhookSetupError } from '../../lib/webhook/index.js';
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

describe('webhook over koa', () => {
  let server: Running;
  let delivered: DecodeResult[];
  let errors: unknown[];

  async function assertStillServes(): Promise<void> {
    const before = delivered.length;
    assert.equal((await sendGood(server.port)).status, 200);
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
    const app = new Koa();
    // A stand-in for a JSON body parser mounted before the webhook on one path.
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
    server = await listen(app.callback());
  });

  afterEach(() => server.close());

  it('answers the handshake with the challenge', async () => {
    const response = await send(server.port, { method: 'GET', path: handshakePath(TOKEN, '31337') });
    assert.equal(response.status, 200);
    assert.equal(response.body, '31337');
    assert.match(String(response.headers['content-type']), /^text\/plain/);
  });

  it('delivers a signed POST with a character split across chunks', async () => {
    const body = Buffer.from(oneMessage('über 🎉'));
    const cut = body.indexOf(0xf0) + 2; // inside the four bytes of the emoji
    const response = await send(server.port, {
      headers: signedHeaders(body),
      chunks: [body.subarray(0, cut), body.subarray(cut)],
      pauseMs: 20,
    });
    assert.equal(response.status, 200);
    const event = delivered[0]?.events[0];
    assert.ok(event?.type === 'message');
    assert.equal(event.message.text, 'über 🎉');
  });

  it('answers 403 to a wrong signature, then still serves', async () => {
    const body = oneMessage();
    const response = await send(server.port, { headers: signedHeaders(body, 'other-secret'), body });
    assert.equal(response.status, 403);
    assert.equal(delivered.length, 0);
    await assertStillServes();
  });

  it('answers 413 to a 12 MB body, then still serves', async () => {
    const response = await send(server.port, {
      headers: { 'content-type': 'application/json' },
      chunks: hugeChunks(),
    });
    assert.equal(response.status, 413);
    await assertStillServes();
  });

  it('answers 500 and reports a setup error when a body parser consumed the body first', async () => {
    const body = oneMessage();
    const response = await send(server.port, { path: '/parsed', headers: signedHeaders(body), body });
    assert.equal(response.status, 500);
    assert.ok(errors[0] instanceof WebhookSetupError);
    await assertStillServes();
  });

  it('passes other paths on to the next middleware', async () => {
    const response = await send(server.port, { method: 'GET', path: '/elsewhere' });
    assert.equal(response.status, 200);
    assert.equal(response.body, 'rest of the app');
  });
});
