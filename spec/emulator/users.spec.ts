import assert from 'node:assert/strict';
import {
  EmulatorUsageError,
  WebhookDeliveryError,
  startEmulator,
  type Emulator,
} from '../../lib/emulator/index.js';
import { graph, type Sink, useConnectedEmulator } from './helpers.js';

type Json = Record<string, unknown>;

function only(sink: Sink): { body: Json; entry: Json; item: Json } {
  assert.equal(sink.received.length, 1);
  const received = sink.received[0];
  assert.ok(received?.signatureValid, 'the sink verified X-Hub-Signature-256 over the raw bytes');
  const body = received.body as Json;
  const entries = body['entry'] as Json[];
  assert.equal(entries.length, 1);
  const entry = entries[0] as Json;
  const items = (entry['messaging'] ?? entry['standby']) as Json[];
  assert.equal(items.length, 1);
  return { body, entry, item: items[0] as Json };
}

describe('emulator simulated users: signed webhooks in Meta shapes', () => {
  let emulator: Emulator;
  let sink: Sink;
  useConnectedEmulator((connected) => ({ emulator, sink } = connected));

  it('POSTs a Messenger text as object page, entry id = page id, ms timestamps, a unique mid, and returns the status', async () => {
    const user = emulator.user('4242');
    const before = Date.now();
    const first = await user.say('hello');
    const second = await user.say('again');
    assert.equal(first.status, 200);
    assert.notEqual(first.mid, second.mid);
    sink.received.pop();
    const { body, entry, item } = only(sink);
    assert.equal(body['object'], 'page');
    assert.equal(entry['id'], emulator.config.pageId);
    assert.ok(Number(entry['time']) >= before && Number(entry['time']) < before + 60_000, 'entry time in ms');
    assert.deepEqual(item, {
      sender: { id: '4242' },
      recipient: { id: emulator.config.pageId },
      timestamp: entry['time'],
      message: { mid: first.mid, text: 'hello' },
    });
    assert.match(String(first.mid), /^m_/);
  });

  it('POSTs an Instagram DM as object instagram with the IG account as entry id', async () => {
    const delivery = await emulator.user('9001', { platform: 'instagram' }).say('hi ig');
    const { body, entry, item } = only(sink);
    assert.equal(body['object'], 'instagram');
    assert.equal(entry['id'], emulator.config.igAccountId);
    assert.deepEqual(item['recipient'], { id: emulator.config.igAccountId });
    assert.deepEqual(item['message'], { mid: delivery.mid, text: 'hi ig' });
  });

  it('returns the status the bot answered (here 403 for a signature the bot refuses)', async () => {
    const refused = await emulator.user('1').say('x', { deliver: { signature: 'invalid' } });
    assert.equal(refused.status, 403);
    const missing = await emulator.user('1').say('x', { deliver: { signature: 'missing' } });
    assert.equal(missing.status, 403);
    assert.equal(sink.received[1]?.headers['x-hub-signature-256'], undefined);
    sink.status = 500;
    assert.equal((await emulator.user('1').say('x')).status, 500);
  });

  it('signs the exact bytes, serialised like Meta with \\u escapes and escaped slashes', async () => {
    await emulator.user('1').sendAttachment('image', 'https://cdn.test/äöå.png');
    const received = sink.received[0];
    assert.ok(received?.signatureValid);
    assert.match(received.raw, /https:\\\/\\\/cdn\.test\\\/\\u00e4\\u00f6\\u00e5\.png/);
    const item = ((received.body as Json)['entry'] as Json[])[0]?.['messaging'] as Json[];
    assert.deepEqual((item[0]?.['message'] as Json)['attachments'], [
      { type: 'image', payload: { url: 'https://cdn.test/äöå.png' } },
    ]);
  });

  it('builds quick reply taps, postbacks, reactions, unreacts, reads, deliveries and referrals', async () => {
    const user = emulator.user('77');
    const qr = await user.tapQuickReply('Red', 'COLOR_RED');
    const pb = await user.postback('GET_STARTED', 'Get Started');
    await user.react('m_abc', '😮');
    await user.unreact('m_abc');
    await user.read(1700000000000);
    await user.delivered(['m_1', 'm_2'], { timestamp: 1700000000500 });
    await user.referral('promo');
    const items = sink.received.map(
      (r) => (((r.body as Json)['entry'] as Json[])[0]?.['messaging'] as Json[])[0] as Json,
    );
    assert.deepEqual(items[0]?.['message'], {
      mid: qr.mid,
      text: 'Red',
      quick_reply: { payload: 'COLOR_RED' },
    });
    assert.deepEqual(items[1]?.['postback'], { mid: pb.mid, title: 'Get Started', payload: 'GET_STARTED' });
    assert.deepEqual(items[2]?.['reaction'], { mid: 'm_abc', action: 'react', reaction: 'wow', emoji: '😮' });
    assert.deepEqual(items[3]?.['reaction'], { mid: 'm_abc', action: 'unreact' });
    assert.deepEqual(items[4]?.['read'], { watermark: 1700000000000 });
    assert.deepEqual(items[5]?.['delivery'], { mids: ['m_1', 'm_2'], watermark: 1700000000500 });
    assert.deepEqual(items[6]?.['referral'], { ref: 'promo', source: 'SHORTLINK', type: 'OPEN_THREAD' });
    const stamps = items.map((i) => Number(i['timestamp']));
    assert.ok(
      stamps.slice(0, 5).every((t, i) => i === 0 || t > (stamps[i - 1] ?? 0)),
      'timestamps strictly increase',
    );
  });

  it('shares a story mention on Instagram and refuses it on Messenger', async () => {
    await emulator.user('5', { platform: 'instagram' }).shareStoryMention('https://lookaside.test/story');
    const { item } = only(sink);
    assert.deepEqual((item['message'] as Json)['attachments'], [
      { type: 'story_mention', payload: { url: 'https://lookaside.test/story' } },
    ]);
    await assert.rejects(emulator.user('5').shareStoryMention('https://x.test'), EmulatorUsageError);
  });

  it('reads the last bot message by mid on Instagram', async () => {
    const user = emulator.user('6', { platform: 'instagram' });
    await assert.rejects(user.read(), EmulatorUsageError);
    const sent = await graph(emulator.url, 'POST', `/v25.0/${emulator.config.igAccountId}/messages`, {
      json: { recipient: { id: '6' }, message: { text: 'hello' } },
    });
    const mid = sent.json['message_id'];
    await user.read();
    const { item } = only(sink);
    assert.deepEqual(item['read'], { mid });
  });

  it('delivers into standby[] when asked', async () => {
    await emulator.user('8').say('not yours', { standby: true });
    const { entry } = only(sink);
    assert.equal(entry['messaging'], undefined);
    assert.equal((entry['standby'] as Json[]).length, 1);
  });

  it('runs the GET handshake with the verify token and returns the challenge the bot echoed', async () => {
    const ok = await emulator.verifyWebhook({ challenge: '1158201444' });
    assert.deepEqual([ok.status, ok.body], [200, '1158201444']);
    const wrong = await emulator.verifyWebhook({ verifyToken: 'wrong' });
    assert.equal(wrong.status, 403);
  });

  it('fails with EmulatorUsageError without a webhook URL and WebhookDeliveryError when nothing listens', async () => {
    const lonely = await startEmulator();
    try {
      await assert.rejects(lonely.user('1').say('x'), EmulatorUsageError);
      lonely.connect('http://127.0.0.1:1/webhook');
      await assert.rejects(lonely.user('1').say('x'), WebhookDeliveryError);
    } finally {
      await lonely.close();
    }
  });

  it('never shows the user:password of a webhook URL in a WebhookDeliveryError', async () => {
    const lonely = await startEmulator();
    try {
      lonely.connect('http://bot:tunnel-password@127.0.0.1:1/webhook');
      const error: unknown = await lonely
        .user('1')
        .say('x')
        .then(
          () => assert.fail('expected a rejection'),
          (caught: unknown) => caught,
        );
      assert.ok(error instanceof WebhookDeliveryError, String(error));
      assert.equal(error.url, 'http://127.0.0.1:1/webhook');
      assert.doesNotMatch(`${error.message} ${JSON.stringify(error)}`, /tunnel-password/);
    } finally {
      await lonely.close();
    }
  });
});
