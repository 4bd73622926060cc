import assert from 'node:assert/strict';
import { EmulatorTimeoutError, type Emulator } from '../../lib/emulator/index.js';
import { errorOf, graph, useConnectedEmulator } from './helpers.js';

describe('emulator Graph API: state (subscriptions, profile, Instagram lookups and replies)', () => {
  let emulator: Emulator;
  useConnectedEmulator((connected) => (emulator = connected.emulator));

  it('keeps app subscriptions: POST adds, GET lists Graph-shaped, DELETE removes fields then the object', async () => {
    const appPath = `/v25.0/${emulator.config.appId}/subscriptions`;
    const token = emulator.config.appAccessToken;
    const created = await graph(emulator.url, 'POST', appPath, {
      token,
      form: {
        object: 'page',
        callback_url: 'https://bot.test/webhook',
        fields: 'messages, messaging_postbacks',
        include_values: 'true',
        verify_token: 'v',
      },
    });
    assert.deepEqual(created.json, { success: true });
    const listed = await graph(emulator.url, 'GET', appPath, { token });
    assert.deepEqual(listed.json, {
      data: [
        {
          object: 'page',
          callback_url: 'https://bot.test/webhook',
          active: true,
          fields: [
            { name: 'messages', version: 'v25.0' },
            { name: 'messaging_postbacks', version: 'v25.0' },
          ],
          include_values: true,
        },
      ],
    });
    await graph(emulator.url, 'DELETE', appPath, { token, query: { object: 'page', fields: 'messages' } });
    const after = await graph(emulator.url, 'GET', appPath, { token });
    assert.deepEqual((after.json['data'] as { fields: unknown[] }[])[0]?.fields, [
      { name: 'messaging_postbacks', version: 'v25.0' },
    ]);
    await graph(emulator.url, 'DELETE', appPath, { token, query: { object: 'page' } });
    assert.deepEqual((await graph(emulator.url, 'GET', appPath, { token })).json, { data: [] });
  });

  it('refuses an app subscription without callback_url or with an unknown object', async () => {
    const appPath = `/v25.0/${emulator.config.appId}/subscriptions`;
    const missing = await graph(emulator.url, 'POST', appPath, {
      json: { object: 'page', fields: 'messages', verify_token: 'v' },
    });
    assert.equal(errorOf(missing)['code'], 100);
    const unknown = await graph(emulator.url, 'POST', appPath, {
      json: { object: 'robots', callback_url: 'https://x.test', fields: 'a', verify_token: 'v' },
    });
    assert.match(String(errorOf(unknown)['message']), /object must be one of/);
  });

  it('keeps page subscribed_apps: empty data, then the app with its fields, then empty after DELETE', async () => {
    const path = `/v25.0/${emulator.config.pageId}/subscribed_apps`;
    assert.deepEqual((await graph(emulator.url, 'GET', path)).json, { data: [] });
    const posted = await graph(emulator.url, 'POST', path, {
      query: { subscribed_fields: 'messages,messaging_postbacks' },
    });
    assert.deepEqual(posted.json, { success: true });
    const [app] = (await graph(emulator.url, 'GET', path)).json['data'] as Record<string, unknown>[];
    assert.equal(app?.['id'], emulator.config.appId);
    assert.deepEqual(app?.['subscribed_fields'], ['messages', 'messaging_postbacks']);
    assert.deepEqual((await graph(emulator.url, 'DELETE', path)).json, { success: true });
    assert.deepEqual((await graph(emulator.url, 'GET', path)).json, { data: [] });
  });

  it('keeps the Messenger profile: POST sets, GET reads requested fields, DELETE removes', async () => {
    const path = '/v25.0/me/messenger_profile';
    const set = await graph(emulator.url, 'POST', path, {
      json: { get_started: { payload: 'GO' }, greeting: [{ locale: 'default', text: 'Hi!' }] },
    });
    assert.deepEqual(set.json, { result: 'success' });
    const got = await graph(emulator.url, 'GET', path, { query: { fields: 'get_started,greeting' } });
    assert.deepEqual(got.json, {
      data: [{ get_started: { payload: 'GO' }, greeting: [{ locale: 'default', text: 'Hi!' }] }],
    });
    await graph(emulator.url, 'DELETE', path, { json: { fields: ['greeting'] } });
    const after = await graph(emulator.url, 'GET', path, { query: { fields: 'get_started,greeting' } });
    assert.deepEqual(after.json, { data: [{ get_started: { payload: 'GO' } }] });
  });

  it('refuses a persistent menu without a Get Started button', async () => {
    const answer = await graph(emulator.url, 'POST', '/v25.0/me/messenger_profile', {
      json: { persistent_menu: [{ locale: 'default', call_to_actions: [] }] },
    });
    assert.equal(answer.status, 400);
    assert.match(String(errorOf(answer)['message']), /Get Started/);
  });

  it('answers mentioned_comment lookups for a comment created by mentionInComment, shaped like Graph', async () => {
    const mention = await emulator.instagram.mentionInComment({
      from: 'bluebottle_fan',
      text: '@emulated_account challenge?',
    });
    const ig = emulator.config.igAccountId;
    const answer = await graph(emulator.url, 'GET', `/v25.0/${ig}`, {
      query: { fields: `mentioned_comment.comment_id(${mention.commentId ?? ''})` },
    });
    assert.equal(answer.status, 200);
    const comment = answer.json['mentioned_comment'] as Record<string, unknown>;
    assert.deepEqual(Object.keys(comment), ['timestamp', 'text', 'id']);
    assert.equal(comment['text'], '@emulated_account challenge?');
    assert.equal(comment['id'], mention.commentId);
    assert.match(String(comment['timestamp']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    assert.equal(answer.json['id'], ig);
  });

  it('answers mentioned_media lookups with the requested subfields', async () => {
    const mention = await emulator.instagram.mentionInCaption({
      caption: '@emulated_account There can be only one!',
    });
    const answer = await graph(emulator.url, 'GET', `/v25.0/${emulator.config.igAccountId}`, {
      query: { fields: `mentioned_media.media_id(${mention.mediaId}){caption,media_type}` },
    });
    assert.deepEqual(answer.json, {
      mentioned_media: {
        caption: '@emulated_account There can be only one!',
        media_type: 'IMAGE',
        id: mention.mediaId,
      },
      id: emulator.config.igAccountId,
    });
  });

  it('answers Graph error 100 for a mentioned_comment lookup of an unknown comment', async () => {
    const answer = await graph(emulator.url, 'GET', `/v25.0/${emulator.config.igAccountId}`, {
      query: { fields: 'mentioned_comment.comment_id(17800000000000000){text}' },
    });
    assert.equal(answer.status, 400);
    assert.equal(errorOf(answer)['code'], 100);
  });

  it('replies to a mention through POST /{ig-user-id}/mentions (form, query or JSON) and records the reply', async () => {
    const mention = await emulator.instagram.mentionInComment({ from: 'ann', text: '@emulated_account hi' });
    const path = `/v25.0/${emulator.config.igAccountId}/mentions`;
    const viaForm = await graph(emulator.url, 'POST', path, {
      form: {
        media_id: mention.mediaId,
        comment_id: mention.commentId ?? '',
        message: 'Challenge accepted!',
      },
    });
    assert.match(String(viaForm.json['id']), /^\d+$/);
    const viaQuery = await graph(emulator.url, 'POST', path, {
      query: { media_id: mention.mediaId, message: 'MacLeod agrees!' },
    });
    assert.equal(viaQuery.status, 200);
    const reply = await emulator.instagram.nextReply();
    assert.deepEqual(
      { kind: reply.kind, commentId: reply.commentId, message: reply.message, mediaId: reply.mediaId },
      {
        kind: 'mention',
        commentId: mention.commentId,
        message: 'Challenge accepted!',
        mediaId: mention.mediaId,
      },
    );
    const missing = await graph(emulator.url, 'POST', path, { json: { media_id: mention.mediaId } });
    assert.match(String(errorOf(missing)['message']), /message is required/);
    const unknown = await graph(emulator.url, 'POST', path, { json: { media_id: '1', message: 'x' } });
    assert.equal(errorOf(unknown)['code'], 100);
  });

  it('rejects instagram.nextReply with EmulatorTimeoutError like the other waits, naming the replies that did not match', async () => {
    const mention = await emulator.instagram.mentionInCaption({ caption: '@emulated_account look' });
    await graph(emulator.url, 'POST', `/v25.0/${emulator.config.igAccountId}/mentions`, {
      query: { media_id: mention.mediaId, message: 'seen it' },
    });
    const error = await emulator.instagram
      .nextReply({ timeoutMs: 30, predicate: (reply) => reply.message === 'never' })
      .catch((e: unknown) => e);
    assert.ok(error instanceof EmulatorTimeoutError);
    assert.match(error.message, /seen it/);
  });

  it('replies to a comment through POST /{comment-id}/replies and answers { id }', async () => {
    const comment = await emulator.instagram.comment({ from: 'ann', text: 'nice' });
    const answer = await graph(emulator.url, 'POST', `/v25.0/${comment.commentId ?? ''}/replies`, {
      query: { message: 'thanks' },
    });
    assert.deepEqual(Object.keys(answer.json), ['id']);
    assert.deepEqual(emulator.state.comments.get(comment.commentId ?? '')?.replies, [answer.json['id']]);
    const unknown = await graph(emulator.url, 'POST', '/v25.0/17899999999999999/replies', {
      query: { message: 'x' },
    });
    assert.equal(errorOf(unknown)['error_subcode'], 33);
  });
});
