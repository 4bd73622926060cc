import assert from 'node:assert/strict';
import http from 'node:http';
import { MemoryStorage } from 'botbuilder';
import { Botkit } from 'botkit';
import type { BotkitMessage, BotWorker } from 'botkit';
import { MessengerAdapter, UnroutableActivityError } from '../../lib/botkit/index.js';
import type { MessengerChannelData } from '../../lib/botkit/index.js';
import { startEmulator } from '../../lib/emulator/index.js';
import type { Emulator } from '../../lib/emulator/index.js';
import { nodeHandler } from '../../lib/webhook/index.js';
import { urlOf } from './helpers.js';

describe('MessengerAdapter on a server the app brings, driven by the emulator (Instagram)', function () {
  this.timeout(15_000);
  let emulator: Emulator;
  let adapter: MessengerAdapter;
  let controller: Botkit;
  let server: http.Server;
  const errors: unknown[] = [];

  before(async () => {
    emulator = await startEmulator();
    adapter = new MessengerAdapter({
      appSecret: emulator.config.appSecret,
      verifyToken: emulator.config.verifyToken,
      accessToken: emulator.config.accessToken,
      graph: { baseUrl: emulator.url, retry: false },
      onError: (error) => errors.push(error),
    });
    controller = new Botkit({
      adapter,
      storage: new MemoryStorage(),
      disable_webserver: true,
      disable_console: true,
    });
    server = http.createServer(nodeHandler(adapter.webhook, { path: '/webhook' }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    emulator.connect(`${urlOf(server)}/webhook`);
  });

  after(async () => {
    await adapter.idle();
    await controller.shutdown();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await emulator.close();
  });

  afterEach(async () => {
    await adapter.idle();
  });

  it('passes the emulator’s webhook verification through adapter.webhook', async () => {
    const result = await emulator.verifyWebhook();
    assert.equal(result.status, 200);
  });

  it('hears an Instagram DM as a message on the instagram channel and replies from the IG account', async () => {
    const heard: BotkitMessage[] = [];
    controller.hears('price', 'message', async (bot: BotWorker, message: BotkitMessage) => {
      heard.push(message);
      await bot.reply(message, 'It costs 5 euros.');
    });
    const user = emulator.user('igsid-41', { platform: 'instagram' });
    const delivery = await user.say('What is the price?');
    assert.equal(delivery.status, 200);
    const reply = await user.nextMessage();
    assert.equal(reply.text, 'It costs 5 euros.');
    assert.equal(reply.account, emulator.config.igAccountId);
    assert.equal(reply.platform, 'instagram');
    assert.equal(heard[0]?.incoming_message.channelId, 'instagram');
    assert.equal(heard[0]?.user, 'igsid-41');
    assert.equal((heard[0] as unknown as MessengerChannelData).event.platform, 'instagram');
  });

  it('answers a mention in a comment with a reply on that comment (the Instagram way), not a DM', async () => {
    const mentions: BotkitMessage[] = [];
    controller.on('mention', async (bot: BotWorker, message: BotkitMessage) => {
      mentions.push(message);
      await bot.reply(message, 'Thanks for the mention!');
    });
    await emulator.instagram.mentionInComment({
      from: { id: 'igsid-77', username: 'fan' },
      text: '@emulated_account love it',
    });
    const reply = await emulator.instagram.nextReply();
    assert.equal(reply.kind, 'mention');
    assert.equal(reply.message, 'Thanks for the mention!');
    assert.ok(reply.commentId);
    assert.equal(mentions[0]?.type, 'mention');
    assert.equal(mentions[0]?.incoming_message.channelId, 'instagram');
    // The documented fields of a change are on the message: Meta's `field` and `value` as sent.
    const mention = mentions[0] as unknown as {
      field: unknown;
      value: { comment_id?: unknown; media_id?: unknown };
    };
    assert.equal(mention.field, 'mentions');
    assert.equal(mention.value.comment_id, reply.commentId);
    assert.equal(typeof mention.value.media_id, 'string');
    assert.equal(emulator.sent.length, 1, 'only the earlier DM reply went through the Send API');
  });

  it('answers a caption mention with a reply on the media itself', async () => {
    await emulator.instagram.mentionInCaption({ caption: 'Look @emulated_account' });
    const reply = await emulator.instagram.nextReply();
    assert.equal(reply.kind, 'mention');
    assert.equal(reply.commentId, undefined);
  });

  it('answers a comment with a private reply (recipient.comment_id)', async () => {
    const comments: BotkitMessage[] = [];
    controller.on('comment', async (bot: BotWorker, message: BotkitMessage) => {
      comments.push(message);
      await bot.reply(message, `Thanks, ${String(message.text)}`);
    });
    await emulator.instagram.comment({ from: { id: 'igsid-90', username: 'critic' }, text: 'nice shoes' });
    const reply = await emulator.nextMessage((message) => message.text?.startsWith('Thanks, ') === true);
    assert.equal(reply.text, 'Thanks, nice shoes');
    assert.ok('comment_id' in reply.recipient);
    const comment = comments[0] as unknown as { field: unknown; value: { text?: unknown; from?: unknown } };
    assert.equal(comment.field, 'comments');
    assert.equal(comment.value.text, 'nice shoes');
    assert.deepEqual(comment.value.from, { id: 'igsid-90', username: 'critic' });
  });

  it('delivers story insights as the story_insights event and refuses to reply to it', async () => {
    const outcomes: unknown[] = [];
    controller.on('story_insights', async (bot: BotWorker, message: BotkitMessage) => {
      const data = message as unknown as MessengerChannelData;
      outcomes.push(data.event.type);
      outcomes.push(data['field'], (message.value as { reach?: unknown } | undefined)?.reach);
      await bot.reply(message, 'nobody to tell').catch((error: unknown) => outcomes.push(error));
    });
    await emulator.instagram.storyInsights({ reach: 17, impressions: 28 });
    await adapter.idle();
    assert.equal(outcomes[0], 'story_insights');
    assert.equal(outcomes[1], 'story_insights');
    assert.equal(outcomes[2], 17);
    assert.ok(outcomes[3] instanceof UnroutableActivityError);
    assert.deepEqual(errors, []);
  });
});
