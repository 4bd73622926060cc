/** Reading webhooks and Graph calls as a chat: the pure functions behind the playground's feed. */
import { strict as assert } from 'node:assert';
import {
  changesBody,
  mentionChange,
  messengerPostback,
  messengerReaction,
  type RecordedRequest,
} from '../../lib/emulator/index.js';
import { resolveConfig } from '../../lib/emulator/defaults.js';
import { createState } from '../../lib/emulator/state.js';
import { describeGraphCall, describeWebhook, profileChangedBy } from '../../lib/playground/describe.js';

const config = resolveConfig();

function call(
  path: string,
  params: Record<string, unknown>,
  status = 200,
  response: unknown = {},
): RecordedRequest {
  return {
    id: 1,
    method: 'POST',
    path,
    version: undefined,
    query: {},
    body: params,
    params,
    account: config.pageId,
    hasAccessToken: true,
    hasAppSecretProof: true,
    status,
    response,
    injected: false,
    receivedAt: 0,
  };
}

describe('playground describe', () => {
  it('reads postbacks and reactions from webhook bodies, with the conversation of the sender', () => {
    const state = createState();
    const none = (): undefined => undefined;
    const [postback] = describeWebhook(
      messengerPostback({ pageId: config.pageId, psid: '81', payload: 'GO', title: 'Go' }),
      state,
      none,
    );
    assert.deepEqual(postback && { ...postback, mid: undefined }, {
      kind: 'postback',
      conversation: { platform: 'messenger', userId: '81' },
      mid: undefined,
      title: 'Go',
      payload: 'GO',
    });
    const [unreact] = describeWebhook(
      messengerReaction({ pageId: config.pageId, psid: '81', mid: 'm_1', action: 'unreact' }),
      state,
      none,
    );
    assert.deepEqual(unreact, {
      kind: 'reaction',
      conversation: { platform: 'messenger', userId: '81' },
      mid: 'm_1',
      emoji: undefined,
    });
    const [unknownMention] = describeWebhook(
      changesBody('instagram', config.igAccountId, [mentionChange({ mediaId: '17', commentId: '18' })]),
      state,
      none,
    );
    assert.deepEqual(unknownMention, { kind: 'other', conversation: undefined, name: 'mentions' });
    assert.deepEqual(describeWebhook('not a body', state, none), []);
  });

  it('reads sends, sender actions, refusals and private replies from Graph calls', () => {
    const state = createState();
    state.users.set('91', 'instagram');
    state.comments.set('c1', {
      id: 'c1',
      text: 'hi',
      timestamp: '',
      from: { id: '91', username: 'cleo' },
      mediaId: 'm1',
      parentId: undefined,
      replies: [],
    });
    const sent = describeGraphCall(
      call('/me/messages', { recipient: { id: '91' }, message: { text: 'hey' } }, 200, { message_id: 'm_9' }),
      state,
      config,
    );
    assert.deepEqual(sent, {
      kind: 'message',
      conversation: { platform: 'instagram', userId: '91' },
      messageId: 'm_9',
      message: { text: 'hey' },
      file: undefined,
    });
    const typing = describeGraphCall(
      call('/me/messages', { recipient: { id: '91' }, sender_action: 'TYPING_ON' }),
      state,
      config,
    );
    assert.equal(typing?.kind === 'action' ? typing.action : undefined, 'typing_on');
    const refused = describeGraphCall(
      call('/me/messages', { recipient: { id: '91' }, message: { text: 'x' } }, 400, {
        error: { message: '(#100) no' },
      }),
      state,
      config,
    );
    assert.deepEqual(refused?.kind === 'refused' ? refused.error : undefined, '(#100) no');
    const privateReply = describeGraphCall(
      call('/me/messages', { recipient: { comment_id: 'c1' }, message: { text: 'psst' } }),
      state,
      config,
    );
    assert.deepEqual(privateReply?.kind === 'message' ? privateReply.conversation : undefined, {
      platform: 'instagram',
      userId: '91',
    });
    const reply = describeGraphCall(call('/c1/replies', { message: 'thanks' }), state, config);
    assert.deepEqual(reply, {
      kind: 'comment-reply',
      commentId: 'c1',
      mediaId: undefined,
      text: 'thanks',
      error: undefined,
    });
    assert.equal(describeGraphCall({ ...call('/me', {}), method: 'GET' }, state, config), undefined);
  });

  it('tells which Messenger Profile a call changed', () => {
    assert.deepEqual(profileChangedBy(call('/me/messenger_profile', { get_started: {} }), config), {
      platform: 'messenger',
      key: `${config.pageId}:messenger`,
    });
    assert.equal(profileChangedBy(call('/me/messenger_profile', {}, 400), config), undefined);
    assert.equal(
      profileChangedBy(call('/me/messenger_profile', { platform: 'instagram', ice_breakers: [] }), config)
        ?.platform,
      'instagram',
    );
  });
});
