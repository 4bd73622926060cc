import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import '../support/nock.js'; // keeps nock off: its fetch interception breaks POSTs to real loopback servers
import { Bot, type BotError } from '../../lib/bot/index.js';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';

/** Bytes standing for a generated image; CR, LF and dashes inside prove the upload keeps them whole. */
const CHART = Buffer.concat([
  Buffer.from('89504e470d0a1a0a', 'hex'),
  Buffer.from('\r\n--not-a-boundary\r\n'),
]);

describe('Bot against the emulator (end to end over loopback)', () => {
  let emulator: Emulator;
  let bot: Bot;
  const errors: BotError[] = [];

  before(async () => {
    emulator = await startEmulator({ requireAppSecretProof: true });
    const { appSecret, verifyToken, accessToken } = emulator.config;
    bot = new Bot({ appSecret, verifyToken, accessToken, graph: { baseUrl: emulator.url, retry: false } });
    bot.errors$.subscribe((error) => errors.push(error));
    bot.hears('chart please', async (ctx) => {
      await ctx.reply.attachment({ type: 'image', file: { data: CHART, filename: 'chart.png' } });
    });
    bot.on('message:text', (ctx) => ctx.reply.text(`You said: ${ctx.event.message.text}`));
    bot.on('mention', async (ctx) => {
      const mentioned = await ctx.mentioned();
      await ctx.reply.text(`Thanks for the ${mentioned.kind} mention: ${mentioned.text ?? ''}`);
    });
    bot.on('comment', async (ctx) => {
      await ctx.reply.privately(`About "${ctx.event.value.text ?? ''}": see DMs`);
      await ctx.reply.comment('Replied in private');
    });
    const { url } = await bot.listen(0, '127.0.0.1');
    emulator.connect(url);
  });

  after(async () => {
    await bot.stop({ timeoutMs: 1000 });
    await emulator.close();
  });

  afterEach(() => {
    assert.deepEqual(
      errors.map((error) => error.message),
      [],
    );
  });

  it('answers a Messenger user and an Instagram user in their own conversations', async () => {
    const alice = emulator.user('alice');
    await alice.say('hello');
    const toAlice = await alice.nextMessage();
    assert.equal(toAlice.text, 'You said: hello');
    assert.equal(toAlice.account, emulator.config.pageId);
    assert.equal(toAlice.body['messaging_type'], 'RESPONSE');

    const ig = emulator.user('igsid-bob', { platform: 'instagram' });
    await ig.say('hi from ig');
    const toBob = await ig.nextMessage();
    assert.equal(toBob.text, 'You said: hi from ig');
    assert.equal(toBob.account, emulator.config.igAccountId);
  });

  it('replies with a file from memory, uploaded whole as multipart/form-data', async () => {
    const carol = emulator.user('carol');
    await carol.say('chart please');
    const reply = await carol.nextMessage();
    assert.deepEqual(reply.file, {
      filename: 'chart.png',
      contentType: 'image/png',
      size: CHART.length,
      sha256: createHash('sha256').update(CHART).digest('hex'),
    });
    assert.deepEqual(reply.message, { attachment: { type: 'image', payload: {} } });
  });

  it('replies to comment and caption mentions after reading them', async () => {
    const byComment = await emulator.instagram.mentionInComment({
      from: 'fan',
      text: '@emulated_account challenge?',
    });
    const commentReply = await emulator.instagram.nextReply();
    assert.equal(commentReply.kind, 'mention');
    assert.equal(commentReply.commentId, byComment.commentId);
    assert.equal(commentReply.mediaId, byComment.mediaId);
    assert.equal(commentReply.message, 'Thanks for the comment mention: @emulated_account challenge?');

    const byCaption = await emulator.instagram.mentionInCaption({ caption: 'There can be only one!' });
    const captionReply = await emulator.instagram.nextReply();
    assert.equal(captionReply.mediaId, byCaption.mediaId);
    assert.equal(captionReply.commentId, undefined);
    assert.match(captionReply.message, /^Thanks for the caption mention: /);
  });

  it('answers a comment with a private reply and a public comment reply', async () => {
    const media = emulator.instagram.addMedia({ owned: true, caption: 'new shoes' });
    const delivery = await emulator.instagram.comment({ from: 'buyer', text: 'price?', mediaId: media.id });
    const privateReply = await emulator.nextMessage((m) => m.text?.startsWith('About') === true);
    assert.equal(privateReply.text, 'About "price?": see DMs');
    const publicReply = await emulator.instagram.nextReply();
    assert.equal(publicReply.kind, 'comment');
    assert.equal(publicReply.message, 'Replied in private');
    assert.equal(publicReply.commentId, delivery.commentId);
  });
});
