import assert from 'node:assert/strict';
import type { DecodeResult } from '../../lib/events/index.js';
import { createWebhook, nodeHandler } from '../../lib/webhook/index.js';
import type { WebhookOptions } from '../../lib/webhook/index.js';
import {
  handshakePath,
  hangUp,
  hugeChunks,
  listen,
  messageItem,
  oneMessage,
  pageEnvelope,
  send,
  sendGood,
  signedHeaders,
  SECRET,
  TOKEN,
} from './helpers.js';
import type { Running } from './helpers.js';

describe('webhook over node:http', () => {
  let server: Running;
  let delivered: DecodeResult[];
  let errors: unknown[];
  let onEvents: WebhookOptions['onEvents'];

  const texts = (): Array<string | undefined> =>
    delivered.flatMap((result) =>
      result.events.map((event) => (event.type === 'message' ? event.message.text : '')),
    );

  async function assertStillServes(): Promise<void> {
    const before = delivered.length;
    const response = await sendGood(server.port);
    assert.equal(response.status, 200);
    assert.equal(delivered.length, before + 1);
  }

  beforeEach(async () => {
    delivered = [];
    errors = [];
    onEvents = undefined;
    const webhook = createWebhook({
      appSecret: SECRET,
      verifyToken: TOKEN,
      maxBodyBytes: 1024 * 1024,
      onEvents: (result) => {
        delivered.push(result);
        return onEvents?.(result);
      },
      onError: (error) => errors.push(error),
    });
    server = await listen(nodeHandler(webhook, { path: '/webhook' }));
  });

  afterEach(() => server.close());

  it('answers the handshake with the challenge as plain text', async () => {
    const response = await send(server.port, { method: 'GET', path: handshakePath(TOKEN, '1158201444') });
    assert.equal(response.status, 200);
    assert.equal(response.body, '1158201444');
    assert.match(String(response.headers['content-type']), /^text\/plain/);
  });

  it('answers 403 to a handshake with a wrong verify token, then still serves', async () => {
    const response = await send(server.port, { method: 'GET', path: handshakePath('wrong', '42') });
    assert.equal(response.status, 403);
    assert.ok(!response.body.includes('42'));
    await assertStillServes();
  });

  it('answers 400 to a handshake with missing parameters, then still serves', async () => {
    assert.equal(
      (await send(server.port, { method: 'GET', path: '/webhook?hub.mode=subscribe' })).status,
      400,
    );
    assert.equal((await send(server.port, { method: 'GET', path: '/webhook' })).status, 400);
    await assertStillServes();
  });

  it('answers 404 on another path', async () => {
    const response = await send(server.port, { method: 'GET', path: handshakePath(TOKEN, '1', '/other') });
    assert.equal(response.status, 404);
    await assertStillServes();
  });

  it('answers 200 to a signed POST and delivers its events', async () => {
    const body = oneMessage('hi there');
    const response = await send(server.port, { headers: signedHeaders(body), body });
    assert.equal(response.status, 200);
    assert.deepEqual(texts(), ['hi there']);
  });

  it('verifies a UTF-8 body whose multi-byte character is split across two chunked writes', async () => {
    const body = Buffer.from(oneMessage('café crème ✓'), 'utf8');
    const cut = body.indexOf(0xc3) + 1; // between 0xC3 and 0xA9 of 'é'
    const response = await send(server.port, {
      headers: signedHeaders(body),
      chunks: [body.subarray(0, cut), body.subarray(cut)],
      pauseMs: 20,
    });
    assert.equal(response.status, 200);
    assert.deepEqual(texts(), ['café crème ✓']);
  });

  it('verifies the same split body sent with a Content-Length', async () => {
    const body = Buffer.from(oneMessage('naïve 日本語'), 'utf8');
    const cut = body.indexOf(0xe6) + 2; // inside the three bytes of '日'
    const response = await send(server.port, {
      headers: { ...signedHeaders(body), 'content-length': body.length },
      chunks: [body.subarray(0, cut), body.subarray(cut)],
      pauseMs: 20,
    });
    assert.equal(response.status, 200);
    assert.deepEqual(texts(), ['naïve 日本語']);
  });

  it('answers 401 to an unsigned POST without echoing it, then still serves', async () => {
    const body = oneMessage('ECHO_ME');
    const response = await send(server.port, { headers: { 'content-type': 'application/json' }, body });
    assert.equal(response.status, 401);
    assert.ok(!response.body.includes('ECHO_ME'));
    assert.equal(delivered.length, 0);
    await assertStillServes();
  });

  it('answers 403 to a malformed signature, then still serves', async () => {
    for (const signature of ['sha256=not-hex', 'sha256=' + 'a'.repeat(63), 'md5=abc']) {
      const body = oneMessage();
      const response = await send(server.port, { headers: { 'x-hub-signature-256': signature }, body });
      assert.equal(response.status, 403);
    }
    await assertStillServes();
  });

  it('answers 403 to a tampered body, then still serves', async () => {
    const original = oneMessage('transfer 10 ECHO_ME');
    const tampered = original.replace('10', '99');
    const response = await send(server.port, { headers: signedHeaders(original), body: tampered });
    assert.equal(response.status, 403);
    assert.ok(!response.body.includes('ECHO_ME'));
    assert.equal(delivered.length, 0);
    await assertStillServes();
  });

  it('answers 400 to signed malformed JSON, then still serves', async () => {
    const body = '{"object":"page","entry":[';
    const response = await send(server.port, { headers: signedHeaders(body), body });
    assert.equal(response.status, 400);
    await assertStillServes();
  });

  it('answers 413 to a streamed 12 MB body without reading it all, then still serves', async () => {
    const response = await send(server.port, {
      headers: { 'x-hub-signature-256': 'sha256=' + '0'.repeat(64), 'content-type': 'application/json' },
      chunks: hugeChunks(),
    });
    assert.equal(response.status, 413);
    await assertStillServes();
  });

  it('answers 413 up front to a declared 12 MB Content-Length, then still serves', async () => {
    const chunks = hugeChunks();
    const response = await send(server.port, {
      headers: { 'content-length': chunks.length * chunks[0]!.length, 'content-type': 'application/json' },
      chunks,
    });
    assert.equal(response.status, 413);
    await assertStillServes();
  });

  it('answers 405 with Allow to another method, then still serves', async () => {
    const response = await send(server.port, { method: 'PUT', body: '{}' });
    assert.equal(response.status, 405);
    assert.equal(response.headers['allow'], 'GET, POST');
    await assertStillServes();
  });

  it('survives a client that hangs up in the middle of a body', async () => {
    await hangUp(server.port);
    assert.equal(delivered.length, 0);
    await assertStillServes();
  });

  it('answers 200 while the handler promise is still pending', async () => {
    let settled = false;
    onEvents = () => new Promise<void>(() => undefined).finally(() => (settled = true));
    const response = await sendGood(server.port);
    assert.equal(response.status, 200);
    assert.equal(settled, false);
    assert.equal(delivered.length, 1);
  });

  it('answers 200 when the handler throws and reports the error', async () => {
    onEvents = () => {
      throw new Error('handler bug');
    };
    assert.equal((await sendGood(server.port)).status, 200);
    assert.equal((errors[0] as Error).message, 'handler bug');
    onEvents = undefined;
    await assertStillServes();
  });

  it('delivers the entries of several pages in one POST, in order', async () => {
    const body = pageEnvelope([
      { page: 'P1', items: [messageItem('P1', 'U1', 'm1', 'one'), messageItem('P1', 'U2', 'm2', 'two')] },
      { page: 'P2', items: [messageItem('P2', 'U1', 'm3', 'three')] },
      { page: 'P3', items: [messageItem('P3', 'U9', 'm4', 'four')] },
    ]);
    assert.equal((await send(server.port, { headers: signedHeaders(body), body })).status, 200);
    assert.deepEqual(texts(), ['one', 'two', 'three', 'four']);
    assert.deepEqual(
      delivered[0]?.events.map((event) => event.entryId),
      ['P1', 'P1', 'P2', 'P3'],
    );
  });

  it('accepts a 1000-event batch', async () => {
    const items = Array.from({ length: 1000 }, (_, i) =>
      messageItem('P1', `U${i}`, `m_${i}`, `text ${i} ${'ü'.repeat(50)}`),
    );
    const body = pageEnvelope([{ page: 'P1', items }]);
    const response = await send(server.port, { headers: signedHeaders(body), body });
    assert.equal(response.status, 200);
    assert.equal(delivered[0]?.events.length, 1000);
  });
});

describe('webhook over node:http without a path', () => {
  it('serves every path and reads the query from the URL', async () => {
    const server = await listen(nodeHandler(createWebhook({ appSecret: SECRET, verifyToken: TOKEN })));
    try {
      const response = await send(server.port, {
        method: 'GET',
        path: handshakePath(TOKEN, 'abc', '/any/where'),
      });
      assert.equal(response.status, 200);
      assert.equal(response.body, 'abc');
    } finally {
      await server.close();
    }
  });

  it('with awaitHandlers, answers 500 when the handler rejects so Meta retries', async () => {
    const webhook = createWebhook({
      appSecret: SECRET,
      verifyToken: TOKEN,
      awaitHandlers: true,
      onEvents: () => Promise.reject(new Error('graph down')),
      onError: () => undefined,
    });
    const server = await listen(nodeHandler(webhook));
    try {
      assert.equal((await sendGood(server.port)).status, 500);
    } finally {
      await server.close();
    }
  });
});
