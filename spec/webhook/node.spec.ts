import assert from 'node:assert/strict';
import { createWebhook, nodeHandler } from '../../lib/webhook/index.js';
import type { Webhook } from '../../lib/webhook/index.js';
import { describeAdapterRules, useAdapter } from './conformance.js';
import {
  handshakePath,
  listen,
  messageItem,
  pageEnvelope,
  send,
  sendGood,
  signedHeaders,
  SECRET,
  TOKEN,
} from './helpers.js';

const mountNode = (webhook: Webhook) => listen(nodeHandler(webhook, { path: '/webhook' }));

describeAdapterRules('node:http', mountNode);

describe('webhook over node:http: paths and batches', () => {
  const h = useAdapter(mountNode);

  it('answers 404 on another path', async () => {
    const response = await send(h.port, { method: 'GET', path: handshakePath(TOKEN, '1', '/other') });
    assert.equal(response.status, 404);
    await h.stillServes();
  });

  it('accepts a 1000-event batch', async () => {
    const items = Array.from({ length: 1000 }, (_, i) =>
      messageItem('P1', `U${i}`, `m_${i}`, `text ${i} ${'ü'.repeat(50)}`),
    );
    const body = pageEnvelope([{ page: 'P1', items }]);
    const response = await send(h.port, { headers: signedHeaders(body), body });
    assert.equal(response.status, 200);
    assert.equal(h.delivered[0]?.events.length, 1000);
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
