import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { errorOf, graph } from './helpers.js';

const text = { recipient: { id: '42' }, message: { text: 'hi' } };

describe('emulator Graph API: failNext and delay', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.close());

  it('fails the next call once with a transient code 2 / HTTP 500 by default, then answers normally', async () => {
    emulator.failNext();
    const failed = await graph(emulator.url, 'POST', '/v25.0/me/messages', { json: text });
    assert.equal(failed.status, 500);
    assert.equal(errorOf(failed)['code'], 2);
    assert.equal(errorOf(failed)['is_transient'], true);
    const ok = await graph(emulator.url, 'POST', '/v25.0/me/messages', { json: text });
    assert.equal(ok.status, 200);
    assert.equal(emulator.sent.length, 1);
    assert.equal(emulator.requests[0]?.injected, true);
  });

  it('answers the given Graph error, status and subcode for `times` calls matching path and method', async () => {
    emulator.failNext({
      path: 'messages',
      method: 'POST',
      times: 2,
      error: { code: 80006, message: 'rate limited', error_subcode: 2446079 },
      status: 429,
    });
    const profile = await graph(emulator.url, 'POST', '/v25.0/me/messenger_profile', {
      json: { get_started: { payload: 'GO' } },
    });
    assert.equal(profile.status, 200, 'other paths are not affected');
    for (let i = 0; i < 2; i++) {
      const failed = await graph(emulator.url, 'POST', '/v25.0/me/messages', { json: text });
      assert.equal(failed.status, 429);
      assert.deepEqual(
        {
          code: errorOf(failed)['code'],
          sub: errorOf(failed)['error_subcode'],
          msg: errorOf(failed)['message'],
        },
        { code: 80006, sub: 2446079, msg: 'rate limited' },
      );
    }
    assert.equal((await graph(emulator.url, 'POST', '/v25.0/me/messages', { json: text })).status, 200);
  });

  it('matches a RegExp against the unversioned path and defaults the status to 400 for non-transient codes', async () => {
    emulator.failNext({ path: /^\/\d+\/subscribed_apps$/, error: { code: 10, message: 'no permission' } });
    const failed = await graph(emulator.url, 'GET', `/v25.0/${emulator.config.pageId}/subscribed_apps`);
    assert.equal(failed.status, 400);
    assert.equal(errorOf(failed)['code'], 10);
    assert.equal(errorOf(failed)['type'], 'OAuthException');
  });

  it('resets the connection when asked, so the client sees a network failure', async () => {
    emulator.failNext({ reset: true });
    await assert.rejects(graph(emulator.url, 'POST', '/v25.0/me/messages', { json: text }));
    assert.equal(emulator.requests[0]?.status, 0);
    assert.equal(emulator.sent.length, 0);
  });

  it('holds answers back while a delay is set and answers them afterwards', async () => {
    emulator.delay(300);
    const pending = graph(emulator.url, 'POST', '/v25.0/me/messages', { json: text });
    const first = await Promise.race([
      pending.then(() => 'graph'),
      new Promise((r) => setTimeout(() => r('timer'), 30)),
    ]);
    assert.equal(first, 'timer');
    assert.equal(emulator.sent.length, 0, 'nothing is recorded before the answer');
    assert.equal((await pending).status, 200);
    assert.equal(emulator.sent.length, 1);
  });

  it('applies a delay only to matching calls when given a match', async () => {
    emulator.delay(5_000, { path: '/me/messages' });
    const answer = await graph(emulator.url, 'GET', `/v25.0/${emulator.config.pageId}/subscribed_apps`);
    assert.equal(answer.status, 200);
  });

  it('closes promptly with a delayed answer still pending', async () => {
    emulator.delay(60_000);
    const pending = graph(emulator.url, 'POST', '/v25.0/me/messages', { json: text }).catch(
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 20));
    await emulator.close();
    assert.ok((await pending) instanceof Error);
  });
});
