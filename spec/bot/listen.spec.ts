import assert from 'node:assert/strict';
import { Bot, type BotError } from '../../lib/bot/index.js';
import type { Listening } from '../../lib/bot/bot.js';
import { deferred, messagingBody, textItem, until } from './fixtures.js';
import { post, SECRET } from './http.js';

describe('bot.listen', () => {
  let bot: Bot;
  let server: Listening;

  beforeEach(async () => {
    bot = new Bot({
      appSecret: SECRET,
      verifyToken: 'verify-me',
      accessToken: 'TOKEN',
      graph: { baseUrl: 'http://127.0.0.1:1', retry: false },
      maxQueued: 2,
      logger: () => undefined,
    });
    server = await bot.listen(0, '127.0.0.1');
  });

  afterEach(async () => {
    await bot.stop({ timeoutMs: 100 });
  });

  it('serves the webhook at /webhook on loopback and resolves with port and url', () => {
    assert.ok(server.port > 0);
    assert.equal(server.url, `http://127.0.0.1:${server.port}/webhook`);
  });

  it('answers the GET handshake with the challenge', async () => {
    const response = await fetch(
      `${server.url}?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`,
    );
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '1158201444');
  });

  it('delivers a signed POST to a handler, answering 200 before the handler finishes', async () => {
    const gate = deferred();
    const texts: string[] = [];
    bot.on('message:text', async (ctx) => {
      texts.push(ctx.event.message.text);
      await gate.promise;
    });
    const response = await post(server.url, messagingBody([textItem('psid-1', 'over the wire')]));
    assert.equal(response.status, 200);
    await until(() => texts.length === 1);
    assert.deepEqual(texts, ['over the wire']);
    assert.equal(bot.stats().running, 1, 'the handler was still running after the 200');
    gate.resolve();
  });

  it('never hands a POST with a wrong signature to handlers', async () => {
    let calls = 0;
    bot.on('message', () => {
      calls += 1;
    });
    const response = await post(server.url, messagingBody([textItem('psid-1', 'forged')]), 'not-the-secret');
    assert.equal(response.status, 403);
    await bot.stop();
    assert.equal(calls, 0);
  });

  it('answers 500 to a batch refused for overflow, so Meta redelivers it, and reports it', async () => {
    const errors: BotError[] = [];
    bot.errors$.subscribe((error) => errors.push(error));
    const gate = deferred();
    bot.on('message', () => gate.promise);
    const first = await post(server.url, messagingBody([textItem('a', '1'), textItem('b', '2')]));
    assert.equal(first.status, 200);
    const refused = await post(server.url, messagingBody([textItem('c', '3')]));
    assert.equal(refused.status, 500);
    assert.deepEqual(
      errors.map((error) => error.kind),
      ['overflow'],
    );
    gate.resolve();
    await until(() => bot.stats().backlog === 0);
    const retried = await post(server.url, messagingBody([textItem('c', '3')]));
    assert.equal(retried.status, 200);
  });

  it('stops listening on stop()', async () => {
    await bot.stop();
    await assert.rejects(post(server.url, messagingBody([textItem('psid-1', 'late')])));
  });

  it('serves a custom path and answers 404 elsewhere', async () => {
    const other = new Bot({ appSecret: SECRET, verifyToken: 'v', accessToken: 'T', path: '/hooks/meta' });
    const listening = await other.listen(0, '127.0.0.1');
    try {
      assert.equal(listening.url, `http://127.0.0.1:${listening.port}/hooks/meta`);
      const miss = await post(`http://127.0.0.1:${listening.port}/webhook`, messagingBody([]));
      assert.equal(miss.status, 404);
    } finally {
      await other.stop();
    }
  });
});
