import assert from 'node:assert/strict';
import type { Bot } from '../../lib/bot/index.js';
import { createTestKit, type TestKit } from '../../lib/testkit/index.js';
import { createEchoBot, fitBytes } from '../../examples/echo.js';

describe('examples/echo', function () {
  this.timeout(10_000);
  let kit: TestKit<Bot>;

  beforeEach(async () => {
    kit = await createTestKit((config) => createEchoBot(config));
  });
  afterEach(async () => {
    await kit.close();
  });

  it('answers a Messenger text with a text containing what the user wrote, from the page', async () => {
    const user = kit.user();
    await user.say('Hello bot!');
    const reply = await user.nextMessage();
    assert.equal(reply.platform, 'messenger');
    assert.equal(reply.account, kit.emulator.config.pageId);
    assert.deepEqual(reply.body, {
      recipient: { id: user.id },
      messaging_type: 'RESPONSE',
      message: { text: 'You said: Hello bot!' },
    });
  });

  it('answers an Instagram text from the Instagram account, keeping non-ASCII text intact', async () => {
    const user = kit.user({ platform: 'instagram' });
    await user.say('Ça va? 👋');
    const reply = await user.nextMessage();
    assert.equal(reply.platform, 'instagram');
    assert.equal(reply.account, kit.emulator.config.igAccountId);
    assert.ok(reply.text?.includes('Ça va? 👋'));
  });

  it('answers an attachment without text with a note naming its type', async () => {
    await kit.user().sendAttachment('image', 'https://example.com/cat.png');
    assert.equal((await kit.nextReply()).text, 'Thanks for the image! I can only echo text.');
    await kit.noReply();
  });

  it('keeps a long Instagram echo within the 1000-byte limit instead of failing', async () => {
    const user = kit.user({ platform: 'instagram' });
    await user.say('é'.repeat(900));
    const reply = await user.nextMessage();
    assert.ok(Buffer.byteLength(reply.text ?? '', 'utf8') <= 1000);
    assert.ok(reply.text?.startsWith('You said: éé'));
  });

  it('fitBytes cuts on character boundaries and marks the cut', () => {
    assert.equal(fitBytes('short', 10), 'short');
    const cut = fitBytes('👋👋👋👋', 10);
    assert.equal(cut, '👋…');
    assert.ok(Buffer.byteLength(cut, 'utf8') <= 10);
  });
});
