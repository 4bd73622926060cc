import assert from 'node:assert/strict';
import net from 'node:net';
import { Bot } from '../../lib/bot/index.js';
import { startEmulator } from '../../lib/emulator/index.js';
import {
  createTestKit,
  EmulatorTimeoutError,
  SettleTimeoutError,
  TestKitStartError,
  UnexpectedReplyError,
  type BotConfig,
  type TestKit,
} from '../../lib/testkit/index.js';

function echoBot(config: BotConfig): Bot {
  const bot = new Bot({ ...config, logger: () => undefined });
  // Registered before the echo: the first matching handler ends the chain, so a tap gets only this answer.
  bot.quickReply('PICK_BLUE', (ctx) => ctx.reply.quickReplies('Sure?', [{ title: 'Yes', payload: 'YES' }]));
  bot.on('message:text', (ctx) => ctx.reply.text(`You said: ${ctx.event.message.text}`));
  bot.on('mention', async (ctx) => {
    const mentioned = await ctx.mentioned();
    await ctx.reply.text(`Thanks for: ${mentioned.text ?? ''}`);
  });
  return bot;
}

describe('testkit: createTestKit', function () {
  this.timeout(10_000);
  let kit: TestKit<Bot>;

  beforeEach(async () => {
    kit = await createTestKit(echoBot);
  });
  afterEach(async () => {
    await kit.close();
  });

  it('gives the factory the emulator credentials and Graph URL', () => {
    assert.equal(kit.config.graph.baseUrl, kit.emulator.url);
    assert.equal(kit.config.appSecret, kit.emulator.config.appSecret);
    assert.equal(kit.emulator.webhookUrl, kit.webhookUrl);
    assert.match(kit.webhookUrl, /^http:\/\/127\.0\.0\.1:\d+\/webhook$/);
  });

  it('delivers what a user says and hands back the reply with its full Send API body', async () => {
    const user = kit.user('4242');
    const delivery = await user.say('hello');
    assert.equal(delivery.status, 200);
    const reply = await kit.nextReply();
    assert.equal(reply.text, 'You said: hello');
    assert.deepEqual(reply.body, {
      recipient: { id: '4242' },
      messaging_type: 'RESPONSE',
      message: { text: 'You said: hello' },
    });
    assert.equal(reply.account, kit.emulator.config.pageId);
  });

  it('answers an Instagram user from the Instagram account', async () => {
    const user = kit.user({ platform: 'instagram' });
    await user.say('hi from IG');
    const reply = await user.nextMessage();
    assert.equal(reply.platform, 'instagram');
    assert.equal(reply.account, kit.emulator.config.igAccountId);
    assert.equal(reply.recipient.id, user.id);
  });

  it('makes a new user with a fresh id for every user() call without an id', () => {
    const a = kit.user();
    const b = kit.user();
    assert.notEqual(a.id, b.id);
    assert.equal(kit.user(a.id), a);
  });

  it('waits for several replies in order with replies(n)', async () => {
    await kit.user('1').say('one');
    await kit.user('2').say('two');
    const replies = await kit.replies(2);
    assert.deepEqual(replies.map((r) => r.text).sort(), ['You said: one', 'You said: two']);
  });

  it('returns quick replies in the body of the message', async () => {
    await kit.user('7').tapQuickReply('Blue', 'PICK_BLUE');
    const sure = await kit.nextReply();
    assert.deepEqual(sure.message['quick_replies'], [{ content_type: 'text', title: 'Yes', payload: 'YES' }]);
  });

  it('answers a comment mention at /{ig-user-id}/mentions after reading the comment', async () => {
    const delivery = await kit.instagram.mentionInComment({
      from: 'fan',
      text: '@emulated_account challenge?',
    });
    const reply = await kit.instagram.nextReply();
    assert.equal(reply.kind, 'mention');
    assert.equal(reply.commentId, delivery.commentId);
    assert.equal(reply.message, 'Thanks for: @emulated_account challenge?');
    const paths = kit.emulator.requests.map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(paths, [
      `GET /${kit.emulator.config.igAccountId}`,
      `POST /${kit.emulator.config.igAccountId}/mentions`,
    ]);
  });

  it('noReply resolves when the bot stays silent and rejects when it answers', async () => {
    await kit.user('9').sendAttachment('image', 'https://example.com/cat.png');
    await kit.noReply({ withinMs: 100 });
    await kit.user('9').say('talk');
    await assert.rejects(kit.noReply({ withinMs: 1000 }), UnexpectedReplyError);
  });

  it('rejects a reply wait with EmulatorTimeoutError, which bot authors import from the test kit itself', async () => {
    await kit.user('5151').postback('NOBODY_HANDLES_THIS');
    const error = await kit.nextReply({ timeoutMs: 50 }).catch((e: unknown) => e);
    assert.ok(error instanceof EmulatorTimeoutError, String(error));
    assert.equal(error.timeoutMs, 50);
  });

  it('settle waits until the bot has answered', async () => {
    await kit.user('5').say('a');
    await kit.settle();
    assert.equal(kit.sent.length, 1);
  });
});

describe('testkit: lifecycle', function () {
  this.timeout(10_000);

  it('closes the bot and the emulator and leaves no open handles', async () => {
    const network = (): string[] =>
      process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap' || r === 'TCPSocketWrap');
    const before = network().length;
    const kit = await createTestKit(echoBot);
    await kit.user().say('x');
    await kit.nextReply();
    assert.ok(network().length > before);
    await kit.close();
    await kit.close();
    // Closed sockets leave the list once libuv has run their close callbacks, a few ticks later.
    for (let i = 0; i < 50 && network().length > before; i += 1) await new Promise((r) => setTimeout(r, 10));
    assert.equal(network().length, before, `still open: ${network().join(', ')}`);
    await assert.rejects(fetch(kit.webhookUrl), /fetch failed/);
    await assert.rejects(fetch(kit.emulator.url), /fetch failed/);
  });

  it('uses an emulator it is given and leaves it open', async () => {
    const emulator = await startEmulator();
    const bot = echoBot({
      appSecret: emulator.config.appSecret,
      verifyToken: emulator.config.verifyToken,
      accessToken: emulator.config.accessToken,
      graph: { baseUrl: emulator.url },
    });
    const kit = await createTestKit(bot, { emulator });
    await kit.user('3').say('ready bot');
    assert.equal((await kit.nextReply()).text, 'You said: ready bot');
    await kit.close();
    const answer = await fetch(`${emulator.url}/v25.0/me?access_token=x`);
    assert.ok(answer.status > 0);
    await emulator.close();
  });

  it('fails with a clear error and closes the emulator when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      let emulatorUrl = '';
      await assert.rejects(
        createTestKit(
          (config, emulator) => {
            emulatorUrl = emulator.url;
            return echoBot(config);
          },
          { port },
        ),
        (error: unknown) => error instanceof TestKitStartError && /already in use/.test(error.message),
      );
      await assert.rejects(fetch(emulatorUrl), /fetch failed/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('fails the start when the bot does not pass the webhook handshake', async () => {
    await assert.rejects(
      createTestKit((config) => new Bot({ ...config, verifyToken: 'another-token' })),
      (error: unknown) =>
        error instanceof TestKitStartError && error.step === 'verify' && /403/.test(error.message),
    );
  });

  it('settle gives up with SettleTimeoutError while the bot keeps working', async () => {
    const kit = await createTestKit((config) => {
      const bot = new Bot(config);
      bot.on('message', () => new Promise((resolve) => setTimeout(resolve, 300)));
      return bot;
    });
    try {
      await kit.user().say('slow');
      await assert.rejects(kit.settle({ timeoutMs: 50 }), SettleTimeoutError);
    } finally {
      await kit.close();
    }
  });
});
