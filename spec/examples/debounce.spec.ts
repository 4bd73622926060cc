import assert from 'node:assert/strict';
import type { Bot } from '../../lib/bot/index.js';
import { createTestKit, type TestKit } from '../../lib/testkit/index.js';
import { createDebounceBot, summariseBurst } from '../../examples/debounce.js';

describe('examples/debounce', function () {
  this.timeout(10_000);
  let kit: TestKit<Bot>;
  let errors: unknown[];

  beforeEach(async () => {
    errors = [];
    kit = await createTestKit((config) =>
      createDebounceBot({ ...config, quietMs: 250, onError: (e) => errors.push(e) }),
    );
  });
  afterEach(async () => {
    await kit.close();
    assert.deepEqual(errors, []);
  });

  it('answers three quick messages once, naming all three', async () => {
    const user = kit.user();
    await user.say('hey');
    await user.say('about my order');
    await user.say('add fries?');
    const reply = await user.nextMessage();
    assert.equal(reply.text, 'You sent 3 messages: “hey”, “about my order”, “add fries?”');
    await kit.noReply({ withinMs: 500 });
  });

  it('answers each user’s burst separately', async () => {
    const ann = kit.user();
    const bob = kit.user({ platform: 'instagram' });
    await ann.say('a1');
    await bob.say('b1');
    await ann.say('a2');
    assert.equal((await ann.nextMessage()).text, 'You sent 2 messages: “a1”, “a2”');
    assert.equal((await bob.nextMessage()).text, 'You said: b1');
  });

  it('starts a new burst after the user has been quiet', async () => {
    const user = kit.user();
    await user.say('first');
    assert.equal((await user.nextMessage()).text, 'You said: first');
    await user.say('second');
    assert.equal((await user.nextMessage()).text, 'You said: second');
  });

  it('summariseBurst keeps a single message as an echo', () => {
    assert.equal(summariseBurst(['x']), 'You said: x');
    assert.equal(summariseBurst(['x', 'y']), 'You sent 2 messages: “x”, “y”');
  });
});
