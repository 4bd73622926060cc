import assert from 'node:assert/strict';
import type { Bot } from '../../lib/bot/index.js';
import { createTestKit, type SentMessage, type TestKit } from '../../lib/testkit/index.js';
import { createMenuBot, MAIN_MENU, NOT_UNDERSTOOD, PAYLOADS } from '../../examples/menu.js';

const menuReplies = MAIN_MENU.map((reply) => ({ content_type: 'text', ...reply }));

function buttonsOf(message: SentMessage): unknown {
  const attachment = message.message['attachment'] as {
    type: string;
    payload: { template_type: string; buttons: unknown };
  };
  assert.equal(attachment.type, 'template');
  assert.equal(attachment.payload.template_type, 'button');
  return attachment.payload.buttons;
}

describe('examples/menu', function () {
  this.timeout(10_000);
  let kit: TestKit<Bot>;

  beforeEach(async () => {
    kit = await createTestKit((config) => createMenuBot(config));
  });
  afterEach(async () => {
    await kit.close();
  });

  it('greets the Get Started postback with the quick-reply menu', async () => {
    const user = kit.user();
    await user.postback(PAYLOADS.getStarted, 'Get Started');
    const reply = await user.nextMessage();
    assert.equal(reply.text, 'Welcome to Rx Bistro! What can I do for you?');
    assert.deepEqual(reply.message['quick_replies'], menuReplies);
  });

  it('answers the opening-hours quick reply once, and offers the menu again', async () => {
    const user = kit.user();
    await user.tapQuickReply('Opening hours', PAYLOADS.hours);
    const reply = await user.nextMessage();
    assert.match(reply.text ?? '', /open every day/);
    assert.deepEqual(reply.message['quick_replies'], menuReplies);
    await kit.noReply();
  });

  it('offers the dishes as postback buttons, and confirms the one tapped', async () => {
    const user = kit.user();
    await user.tapQuickReply('Order food', PAYLOADS.order);
    const dishes = await user.nextMessage();
    assert.deepEqual(buttonsOf(dishes), [
      { type: 'postback', title: 'Pizza', payload: 'ORDER_PIZZA' },
      { type: 'postback', title: 'Salad', payload: 'ORDER_SALAD' },
      { type: 'postback', title: 'Soup', payload: 'ORDER_SOUP' },
    ]);
    await user.postback('ORDER_SALAD', 'Salad');
    assert.equal((await user.nextMessage()).text, 'Great choice: a salad is on its way! Anything else?');
  });

  it('handles an order payload it does not know without failing', async () => {
    const user = kit.user();
    await user.postback('ORDER_CAKE', 'Cake');
    assert.match((await user.nextMessage()).text ?? '', /that dish is gone/);
  });

  it('answers the human quick reply with a handover note', async () => {
    const user = kit.user();
    await user.tapQuickReply('Talk to a human', PAYLOADS.human);
    assert.match((await user.nextMessage()).text ?? '', /person from the team/);
  });

  it('falls back for any other text: says it did not get it and brings the menu back', async () => {
    const user = kit.user();
    await user.say('what?');
    const reply = await user.nextMessage();
    assert.equal(reply.text, NOT_UNDERSTOOD);
    assert.deepEqual(reply.message['quick_replies'], menuReplies);
  });

  it('falls back for a postback no composer handles', async () => {
    const user = kit.user();
    await user.postback('SOMETHING_ELSE');
    assert.equal((await user.nextMessage()).text, NOT_UNDERSTOOD);
  });
});
