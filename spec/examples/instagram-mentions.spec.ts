import assert from 'node:assert/strict';
import type { Bot } from '../../lib/bot/index.js';
import { createTestKit, type TestKit } from '../../lib/testkit/index.js';
import { answerTo, createMentionsBot } from '../../examples/instagram-mentions.js';

describe('examples/instagram-mentions', function () {
  this.timeout(10_000);
  let kit: TestKit<Bot>;
  let ig: string;

  beforeEach(async () => {
    kit = await createTestKit((config) => createMentionsBot(config));
    ig = kit.emulator.config.igAccountId;
  });
  afterEach(async () => {
    await kit.close();
  });

  it('reads the mentioned comment, then replies at /mentions with comment_id and media_id', async () => {
    const delivery = await kit.instagram.mentionInComment({
      from: 'fan',
      text: '@emulated_account challenge?',
    });
    const reply = await kit.instagram.nextReply();
    assert.equal(reply.message, 'Challenge accepted!');
    const [lookup, post] = kit.emulator.requests;
    assert.equal(lookup?.method, 'GET');
    assert.equal(lookup?.path, `/${ig}`);
    assert.equal(lookup?.query['fields'], `mentioned_comment.comment_id(${delivery.commentId ?? ''})`);
    assert.equal(post?.method, 'POST');
    assert.equal(post?.path, `/${ig}/mentions`);
    assert.deepEqual(post?.params, {
      comment_id: delivery.commentId,
      media_id: delivery.mediaId,
      message: 'Challenge accepted!',
    });
  });

  it('reads the mentioning caption, then replies at /mentions with media_id only', async () => {
    const delivery = await kit.instagram.mentionInCaption({
      from: 'macleod',
      caption: '@emulated_account There can be only one!',
    });
    const reply = await kit.instagram.nextReply();
    assert.equal(reply.message, 'MacLeod agrees!');
    assert.equal(reply.commentId, undefined);
    const [lookup, post] = kit.emulator.requests;
    assert.match(
      String(lookup?.query['fields']),
      new RegExp(`^mentioned_media\\.media_id\\(${delivery.mediaId}\\)\\{caption`),
    );
    assert.deepEqual(post?.params, { media_id: delivery.mediaId, message: 'MacLeod agrees!' });
  });

  it('stays silent when the comment asks for no reply, after reading it', async () => {
    await kit.instagram.mentionInComment({ from: 'quiet', text: '@emulated_account #noreply' });
    await kit.settle();
    assert.deepEqual(
      kit.emulator.requests.map((r) => r.method),
      ['GET'],
    );
    assert.equal(kit.instagram.replies.length, 0);
  });

  it('answerTo thanks for ordinary mentions and skips empty ones', () => {
    assert.equal(answerTo('comment', '@acme nice'), 'Thanks for the mention! 🙌');
    assert.equal(answerTo('caption', '@acme at the beach'), 'Thanks for featuring us in your post! 📸');
    assert.equal(answerTo('caption', undefined), undefined);
    assert.equal(answerTo('comment', '  '), undefined);
  });
});
