import assert from 'node:assert/strict';
import nock from 'nock';
import { BASE, auth, makeClient, useNock } from './helpers.js';

const IG = '17841405726653026';

describe('graph instagram', () => {
  useNock();

  it('replies to a comment mention with POST /{ig-user-id}/mentions?comment_id&media_id&message', async () => {
    const scope = nock(BASE)
      .post(`/v25.0/${IG}/mentions`)
      .query({
        comment_id: '17894227972186120',
        media_id: '17918195224117851',
        message: 'Challenge accepted!',
        ...auth(),
      })
      .reply(200, { id: '17911496353086895' });
    const result = await makeClient().instagram.replyToMention({
      igUserId: IG,
      mediaId: '17918195224117851',
      commentId: '17894227972186120',
      message: 'Challenge accepted!',
    });
    assert.deepEqual(result, { id: '17911496353086895' });
    scope.done();
  });

  it('replies to a caption mention without comment_id', async () => {
    const scope = nock(BASE)
      .post(`/v25.0/${IG}/mentions`)
      .query({ media_id: '17918195224117851', message: 'MacLeod agrees!', ...auth() })
      .reply(200, { id: '17911496353086895' });
    await makeClient().instagram.replyToMention({
      igUserId: IG,
      mediaId: '17918195224117851',
      message: 'MacLeod agrees!',
    });
    scope.done();
  });

  it('reads a mentioned comment and returns the inner mentioned_comment object', async () => {
    const scope = nock(BASE)
      .get(`/v25.0/${IG}`)
      .query({ fields: 'mentioned_comment.comment_id(17894227972186120)', ...auth() })
      .reply(200, {
        mentioned_comment: {
          timestamp: '2018-03-20T00:05:29+0000',
          text: '@bluebottle challenge?',
          id: '17894227972186120',
        },
        id: IG,
      });
    const comment = await makeClient().instagram.mentionedComment({
      igUserId: IG,
      commentId: '17894227972186120',
    });
    assert.deepEqual(comment, {
      timestamp: '2018-03-20T00:05:29+0000',
      text: '@bluebottle challenge?',
      id: '17894227972186120',
    });
    scope.done();
  });

  it('asks for chosen fields of a mentioned comment', async () => {
    const scope = nock(BASE)
      .get(`/v25.0/${IG}`)
      .query({ fields: 'mentioned_comment.comment_id(1){id,text,like_count}', ...auth() })
      .reply(200, { mentioned_comment: { id: '1', text: 'hi', like_count: 3 }, id: IG });
    const comment = await makeClient().instagram.mentionedComment({
      igUserId: IG,
      commentId: '1',
      fields: ['id', 'text', 'like_count'],
    });
    assert.equal(comment.like_count, 3);
    scope.done();
  });

  it('reads a mentioned media with {caption,media_type} by default and returns the inner object', async () => {
    const scope = nock(BASE)
      .get(`/v25.0/${IG}`)
      .query({ fields: 'mentioned_media.media_id(17918195224117851){caption,media_type}', ...auth() })
      .reply(200, {
        mentioned_media: {
          caption: '@bluebottle There can be only one!',
          media_type: 'IMAGE',
          id: '17918195224117851',
        },
        id: IG,
      });
    const media = await makeClient().instagram.mentionedMedia({ igUserId: IG, mediaId: '17918195224117851' });
    assert.deepEqual(media, {
      caption: '@bluebottle There can be only one!',
      media_type: 'IMAGE',
      id: '17918195224117851',
    });
    scope.done();
  });

  it('replies to a comment with POST /{ig-comment-id}/replies?message, using the IG account token', async () => {
    const asked: string[] = [];
    const client = makeClient({
      accessToken: (account) => {
        asked.push(account);
        return 'ig-token';
      },
    });
    const scope = nock(BASE)
      .post('/v25.0/17870913679156914/replies')
      .query({ message: 'Thanks!', ...auth('ig-token') })
      .reply(200, { id: '17873440459141021' });
    const result = await client.instagram.replyToComment('17870913679156914', 'Thanks!', { igUserId: IG });
    assert.deepEqual(result, { id: '17873440459141021' });
    assert.deepEqual(asked, [IG]);
    scope.done();
  });

  it('sends a private reply to a comment through the Send API with recipient.comment_id', async () => {
    const scope = nock(BASE)
      .post(`/v25.0/${IG}/messages`, {
        recipient: { comment_id: '17894227972186120' },
        message: { text: 'DM you!' },
      })
      .query(auth())
      .reply(200, { recipient_id: 'igsid', message_id: 'm_1' });
    const result = await makeClient().instagram.privateReply({
      from: IG,
      commentId: '17894227972186120',
      text: 'DM you!',
    });
    assert.deepEqual(result, { recipient_id: 'igsid', message_id: 'm_1' });
    scope.done();
  });
});
