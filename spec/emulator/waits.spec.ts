import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  EmulatorClosedError,
  EmulatorTimeoutError,
  startEmulator,
  textItem,
  type Emulator,
  type RecordedRequest,
} from '../../lib/emulator/index.js';
import { graph, startSink, type Sink } from './helpers.js';

type Json = Record<string, unknown>;

/** A minimal echo bot on node:http: answers 200, then replies to every text through the emulator's Send API. */
async function startEchoBot(graphUrl: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200).end('EVENT_RECEIVED');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { object: string; entry: Json[] };
      for (const entry of body.entry) {
        for (const item of (entry['messaging'] ?? []) as Json[]) {
          const text = (item['message'] as Json | undefined)?.['text'];
          if (typeof text !== 'string') continue;
          void graph(graphUrl, 'POST', `/v25.0/${String(entry['id'])}/messages`, {
            json: { recipient: item['sender'], message: { text: `echo: ${text}` } },
          });
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('emulator waits, streams and batches', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ waitTimeoutMs: 2_000 });
  });
  afterEach(() => emulator.close());

  it('lets a test await the bot reply to a user, end to end over loopback', async () => {
    const bot = await startEchoBot(emulator.url);
    try {
      emulator.connect(bot.url);
      const ann = emulator.user('100');
      const ig = emulator.user('200', { platform: 'instagram' });
      await ann.say('hi');
      await ig.say('hey');
      const igReply = await ig.nextMessage();
      const annReply = await ann.nextMessage();
      assert.equal(annReply.text, 'echo: hi');
      assert.equal(annReply.platform, 'messenger');
      assert.equal(igReply.text, 'echo: hey');
      assert.equal(igReply.platform, 'instagram');
      assert.equal(igReply.account, emulator.config.igAccountId);
      assert.deepEqual(ann.messages, [annReply]);
    } finally {
      await bot.close();
    }
  });

  it('hands out each message once: waitForMessages(n) takes the oldest untaken, nextMessage filters', async () => {
    for (const text of ['a', 'b', 'c']) {
      await graph(emulator.url, 'POST', '/v25.0/me/messages', {
        json: { recipient: { id: '1' }, message: { text } },
      });
    }
    const c = await emulator.nextMessage((m) => m.text === 'c');
    const [a, b] = await emulator.waitForMessages(2);
    assert.deepEqual([a?.text, b?.text, c.text], ['a', 'b', 'c']);
    const later = emulator.waitForMessages(1);
    await graph(emulator.url, 'POST', '/v25.0/me/messages', {
      json: { recipient: { id: '1' }, message: { text: 'd' } },
    });
    assert.equal((await later)[0]?.text, 'd');
    assert.equal(emulator.sent.length, 4);
  });

  it('rejects with EmulatorTimeoutError naming what arrived instead', async () => {
    await graph(emulator.url, 'POST', '/v25.0/me/messages', {
      json: { recipient: { id: '1' }, message: { text: 'other' } },
    });
    const error = await emulator
      .nextMessage((m) => m.text === 'never', { timeoutMs: 30 })
      .catch((e: unknown) => e);
    assert.ok(error instanceof EmulatorTimeoutError);
    assert.match(error.message, /other/);
  });

  it('rejects pending waits with EmulatorClosedError on close', async () => {
    const pending = emulator.nextMessage();
    await emulator.close();
    await assert.rejects(pending, EmulatorClosedError);
  });

  it('streams every answered call on requests$ and waits for one with nextRequest', async () => {
    const seen: RecordedRequest[] = [];
    const subscription = emulator.requests$.subscribe((r) => seen.push(r));
    const waiting = emulator.nextRequest({ method: 'POST', path: 'subscribed_apps' });
    await graph(emulator.url, 'GET', '/v25.0/me/messenger_profile', { query: { fields: 'greeting' } });
    await graph(emulator.url, 'POST', `/v25.0/${emulator.config.pageId}/subscribed_apps`, {
      query: { subscribed_fields: 'messages' },
    });
    const request = await waiting;
    assert.equal(request.path, `/${emulator.config.pageId}/subscribed_apps`);
    assert.deepEqual(request.query, { subscribed_fields: 'messages' });
    assert.deepEqual(
      seen.map((r) => `${r.method} ${r.path} ${r.status}`),
      ['GET /me/messenger_profile 200', `POST /${emulator.config.pageId}/subscribed_apps 200`],
    );
    subscription.unsubscribe();
  });

  describe('sendBatch', () => {
    let sink: Sink;
    beforeEach(async () => {
      sink = await startSink(emulator.config.appSecret);
      emulator.connect(sink.url);
    });
    afterEach(() => sink.close());

    it('POSTs many items in one signed body, one entry per page, items kept in order', async () => {
      const pageA = emulator.config.pageId;
      const pageB = '1000000000000002';
      const items = Array.from({ length: 1000 }, (_, i) =>
        textItem({
          pageId: i % 2 === 0 ? pageA : pageB,
          psid: `u${i % 50}`,
          text: `m${i}`,
          timestamp: 1_700_000_000_000 + i,
        }),
      );
      const result = await emulator.sendBatch(items);
      assert.equal(result.status, 200);
      assert.equal(sink.received.length, 1);
      assert.ok(sink.received[0]?.signatureValid);
      const entries = (sink.received[0]?.body as Json)['entry'] as Json[];
      assert.deepEqual(
        entries.map((e) => [e['id'], (e['messaging'] as unknown[]).length, e['time']]),
        [
          [pageA, 500, 1_700_000_000_998],
          [pageB, 500, 1_700_000_000_999],
        ],
      );
      const texts = (entries[0]?.['messaging'] as Json[])
        .slice(0, 3)
        .map((m) => (m['message'] as Json)['text']);
      assert.deepEqual(texts, ['m0', 'm2', 'm4']);
    });
  });
});
