import assert from 'node:assert/strict';
import { Bot } from '../../lib/bot/index.js';
import { BotContextError } from '../../lib/bot/errors.js';
import { PAGE_INBOX_APP_ID } from '../../lib/emulator/index.js';
import { createTestKit, type TestKit } from '../../lib/testkit/index.js';

describe('ctx handover helpers and ctx.profile()', function () {
  this.timeout(10_000);
  let kit: TestKit<Bot>;
  const outcomes: unknown[] = [];

  beforeEach(async () => {
    outcomes.length = 0;
    kit = await createTestKit((config) => {
      const bot = new Bot(config);
      bot.on('message:text', async (ctx) => {
        const [first, second] = await Promise.all([ctx.profile(), ctx.profile()]);
        assert.equal(first, second);
        await ctx.reply.text(`Hi ${'first_name' in first ? (first.first_name ?? '?') : '?'}`);
        if (ctx.event.message.text === 'inbox') await ctx.passThreadControl();
      });
      bot.on('standby', async (ctx) => {
        if (ctx.event.type === 'message' && ctx.event.message.text === 'bot please') {
          outcomes.push(await ctx.takeThreadControl('user asked'));
        } else outcomes.push(await ctx.requestThreadControl('may I'));
      });
      bot.on('story_insights', (ctx) => ctx.profile().catch((error: unknown) => void outcomes.push(error)));
      return bot;
    });
  });
  afterEach(async () => {
    await kit.close();
  });

  it('reads the profile once per event however often the handler asks', async () => {
    const user = kit.user();
    kit.emulator.user(user.id, { profile: { first_name: 'Ann' } });
    await user.say('hello');
    assert.equal((await user.nextMessage()).text, 'Hi Ann');
    await user.say('again');
    await user.nextMessage();
    const reads = kit.emulator.requests.filter((r) => r.method === 'GET' && r.path === `/${user.id}`);
    assert.equal(reads.length, 2, 'one read per event');
  });

  it('passes to the inbox, then takes and requests the thread from standby events', async () => {
    const user = kit.user();
    await user.say('inbox');
    await user.nextMessage();
    await kit.emulator.nextRequest({
      method: 'POST',
      path: `/${kit.emulator.config.pageId}/pass_thread_control`,
    });
    assert.equal(kit.emulator.handover.owner(user.id), PAGE_INBOX_APP_ID);

    await user.say('anyone?');
    const request = await kit.emulator.nextRequest({
      method: 'POST',
      path: `/${kit.emulator.config.pageId}/request_thread_control`,
    });
    assert.deepEqual(request.body, { recipient: { id: user.id }, metadata: 'may I' });

    await user.say('bot please');
    const take = await kit.emulator.nextRequest({
      method: 'POST',
      path: `/${kit.emulator.config.pageId}/take_thread_control`,
    });
    assert.deepEqual(take.body, { recipient: { id: user.id }, metadata: 'user asked' });
    await kit.settle();
    assert.deepEqual(outcomes, [true, true]);
    assert.equal(kit.emulator.handover.owner(user.id), kit.emulator.config.appId);
  });

  it('rejects on an event that names no person, calling nothing', async () => {
    await kit.instagram.storyInsights({ reach: 10 });
    await kit.settle();
    assert.ok(outcomes[0] instanceof BotContextError);
    assert.equal(kit.emulator.requests.filter((r) => r.method === 'GET').length, 0);
  });
});
