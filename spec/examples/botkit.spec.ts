import assert from 'node:assert/strict';
import { createTestKit, type TestKit } from '../../lib/testkit/index.js';
import { createBotkitApp, type BotkitApp } from '../../examples/botkit.js';

describe('examples/botkit', function () {
  this.timeout(10_000);
  let kit: TestKit<BotkitApp>;
  let errors: unknown[];

  beforeEach(async () => {
    errors = [];
    kit = await createTestKit((config) =>
      createBotkitApp({ ...config, onError: (error) => errors.push(error) }),
    );
  });
  afterEach(async () => {
    await kit.close();
    assert.deepEqual(errors, []);
  });

  it('answers a greeting through controller.hears', async () => {
    const user = kit.user();
    await user.say('hi there');
    assert.equal(
      (await user.nextMessage()).text,
      'Hello from Botkit on messenger-rx! Say "order" to order a pizza.',
    );
  });

  it('runs the order conversation: size as quick replies, then the topping, then the summary', async () => {
    const user = kit.user();
    await user.say('order please');
    const size = await user.nextMessage();
    assert.equal(size.text, 'Which size?');
    assert.deepEqual(size.message['quick_replies'], [
      { content_type: 'text', title: 'Small', payload: 'small' },
      { content_type: 'text', title: 'Large', payload: 'large' },
    ]);
    await user.tapQuickReply('Large', 'large');
    assert.equal((await user.nextMessage()).text, 'And the topping?');
    await user.say('mushrooms');
    assert.equal((await user.nextMessage()).text, 'One large pizza with mushrooms, coming up! 🍕');
  });

  it('asks the size again when the answer is not one of the choices', async () => {
    const user = kit.user();
    await user.say('order');
    await user.nextMessage();
    await user.say('huge');
    assert.equal((await user.nextMessage()).text, 'Which size?');
  });

  it('answers on Instagram from the Instagram account, and falls back for unknown text', async () => {
    const user = kit.user({ platform: 'instagram' });
    await user.say('what is this?');
    const reply = await user.nextMessage();
    assert.equal(reply.text, 'I know "hi" and "order".');
    assert.equal(reply.account, kit.emulator.config.igAccountId);
  });

  it('signs its Graph calls with appsecret_proof', async () => {
    await kit.user().say('hello');
    await kit.nextReply();
    assert.ok(kit.emulator.requests.every((r) => r.hasAppSecretProof));
  });
});
