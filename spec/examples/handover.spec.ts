import assert from 'node:assert/strict';
import type { Bot } from '../../lib/bot/index.js';
import { PAGE_INBOX_APP_ID, INSTAGRAM_INBOX_APP_ID } from '../../lib/emulator/index.js';
import { createTestKit, type TestKit } from '../../lib/testkit/index.js';
import { createHandoverBot, HANDOVER_METADATA } from '../../examples/handover.js';

describe('examples/handover', function () {
  this.timeout(10_000);
  let kit: TestKit<Bot>;

  beforeEach(async () => {
    kit = await createTestKit((config) => createHandoverBot(config));
  });
  afterEach(async () => {
    await kit.close();
  });

  it('greets by the first name of the Messenger profile, read once per event', async () => {
    const user = kit.user();
    kit.emulator.user(user.id, { profile: { first_name: 'Ann' } });
    await user.say('Hello!');
    assert.equal(
      (await user.nextMessage()).text,
      'Hi Ann! I am the bot. Say "talk to a human" to reach our team.',
    );
    const reads = kit.emulator.requests.filter((r) => r.method === 'GET' && r.path === `/${user.id}`);
    assert.equal(reads.length, 1);
    assert.equal(reads[0]?.query['fields'], 'first_name,last_name,profile_pic');
  });

  it('"talk to a human" passes the thread to the Page Inbox; the bot stays silent until it is passed back', async () => {
    const user = kit.user();
    await user.say('I want to talk to a human');
    await user.nextMessage();
    const pass = await kit.emulator.nextRequest({
      method: 'POST',
      path: `/${kit.emulator.config.pageId}/pass_thread_control`,
    });
    assert.deepEqual(pass.body, {
      recipient: { id: user.id },
      target_app_id: PAGE_INBOX_APP_ID,
      metadata: HANDOVER_METADATA,
    });
    assert.equal(kit.emulator.handover.owner(user.id), PAGE_INBOX_APP_ID);

    await user.say('My order never arrived');
    await kit.noReply();

    await kit.emulator.handover.passToBot(user.id);
    assert.equal((await user.nextMessage()).text, 'The bot is back. Anything else I can help with?');
    await user.say('Thanks!');
    assert.match((await user.nextMessage()).text ?? '', /^Hi User!/);
  });

  it('hands an Instagram user to the Instagram Inbox and greets by username', async () => {
    const user = kit.user({ platform: 'instagram' });
    kit.emulator.user(user.id, { platform: 'instagram', profile: { username: 'ig_bob' } });
    await user.say('hey');
    assert.match((await user.nextMessage()).text ?? '', /^Hi ig_bob!/);
    await user.say('agent please');
    await user.nextMessage();
    await kit.emulator.nextRequest({
      method: 'POST',
      path: `/${kit.emulator.config.igAccountId}/pass_thread_control`,
    });
    assert.equal(kit.emulator.handover.owner(user.id, { platform: 'instagram' }), INSTAGRAM_INBOX_APP_ID);
  });
});
