import assert from 'node:assert/strict';
import type { Bot } from '../../lib/bot/index.js';
import { createTestKit, type SentMessage, type TestKit } from '../../lib/testkit/index.js';
import { createOrderBot, DRINKS, type OrderContext } from '../../examples/order.js';

function titles(message: SentMessage): string[] {
  return ((message.message['quick_replies'] ?? []) as { title: string }[]).map((q) => q.title);
}

describe('examples/order', function () {
  this.timeout(10_000);
  let kit: TestKit<Bot<OrderContext>>;

  beforeEach(async () => {
    kit = await createTestKit((config) => createOrderBot({ ...config, logger: () => undefined }));
  });
  afterEach(async () => {
    await kit.close();
  });

  it('takes an order with quick replies, asks again after answers that do not fit, and confirms it', async () => {
    const user = kit.user();
    await user.say('order');
    const drinks = await user.nextMessage();
    assert.equal(drinks.text, 'What would you like?');
    assert.deepEqual(titles(drinks), [...DRINKS]);
    await user.say('beer');
    assert.equal(
      (await user.nextMessage()).text,
      'Sorry, please pick one of: Espresso, Latte, Cappuccino, Tea.',
    );
    assert.equal((await user.nextMessage()).text, 'What would you like?');
    await user.tapQuickReply('Tea', 'TEA');
    assert.deepEqual(titles(await user.nextMessage()), ['S', 'M', 'L']);
    await user.say('m');
    assert.equal((await user.nextMessage()).text, 'How many? (1 to 5)');
    await user.say('0');
    assert.equal((await user.nextMessage()).text, 'Please send a number from 1 to 5.');
    assert.equal((await user.nextMessage()).text, 'How many? (1 to 5)');
    await user.say('3');
    assert.equal((await user.nextMessage()).text, 'So that is 3 medium teas. Shall I place the order?');
    await user.tapQuickReply('Yes', 'YES');
    assert.equal((await user.nextMessage()).text, 'Thank you! 3 medium teas, ready in 5 minutes.');
    await kit.noReply();
  });

  it('offers the last order again ("Same as last time?") from the session', async () => {
    const user = kit.user();
    for (const step of ['order', 'Espresso', 'S', '1', 'Yes']) await user.say(step);
    await user.waitForMessages(5);
    await user.say('/order');
    const same = await user.nextMessage();
    assert.equal(same.text, 'Same as last time? (1 small espresso)');
    assert.deepEqual(titles(same), ['Yes', 'No']);
    await user.tapQuickReply('No', 'NO');
    assert.equal((await user.nextMessage()).text, 'What would you like?');
  });

  it('leaves the flow on cancel, at any step', async () => {
    const user = kit.user();
    await user.say('order');
    await user.say('Latte');
    await user.waitForMessages(2);
    await user.say('/cancel');
    assert.equal((await user.nextMessage()).text, 'Order cancelled.');
    await user.say('L');
    assert.match((await user.nextMessage()).text ?? '', /^Hi! I take coffee orders/);
    await user.say('cancel');
    assert.equal((await user.nextMessage()).text, 'Nothing to cancel.');
  });

  it('answers an Instagram user on Instagram, and declining places nothing', async () => {
    const user = kit.user({ platform: 'instagram' });
    for (const step of ['order', 'Cappuccino', 'L', '2', 'No']) await user.say(step);
    const replies = await user.waitForMessages(5);
    assert.ok(
      replies.every((m) => m.platform === 'instagram' && m.account === kit.emulator.config.igAccountId),
    );
    assert.equal(replies[4]?.text, 'No problem, nothing was ordered.');
    await user.say('order');
    assert.equal((await user.nextMessage()).text, 'What would you like?', 'no last order was remembered');
  });
});
