import assert from 'node:assert/strict';
import { startEmulator, EMULATOR_DEFAULTS, type Emulator } from '../../lib/emulator/index.js';
import { SEND_LIMITS, appSecretProof } from '../../lib/graph/index.js';
import { errorOf, graph } from './helpers.js';

describe('emulator Graph API: Send API', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.close());

  it('answers a text send with recipient_id and a unique m_ message id, and records the full body', async () => {
    const body = {
      recipient: { id: '42' },
      messaging_type: 'RESPONSE',
      message: { text: 'hello', metadata: 'x' },
    };
    const first = await graph(emulator.url, 'POST', '/v25.0/me/messages', { json: body });
    const second = await graph(emulator.url, 'POST', '/v25.0/me/messages', { json: body });
    assert.equal(first.status, 200);
    assert.equal(first.json['recipient_id'], '42');
    assert.match(String(first.json['message_id']), /^m_/);
    assert.notEqual(first.json['message_id'], second.json['message_id']);
    const [sent] = emulator.sent;
    assert.deepEqual(sent?.body, body);
    assert.equal(sent?.text, 'hello');
    assert.equal(sent?.messageId, first.json['message_id']);
    assert.equal(sent?.account, EMULATOR_DEFAULTS.pageId);
    const request = emulator.requests[0];
    assert.equal(request?.path, '/me/messages');
    assert.equal(request?.version, 'v25.0');
    assert.equal(request?.hasAccessToken, true);
    assert.deepEqual(request?.query, {});
  });

  it('accepts paths without a version and form bodies whose fields hold JSON', async () => {
    const answer = await graph(emulator.url, 'POST', `/${EMULATOR_DEFAULTS.pageId}/messages`, {
      form: { recipient: JSON.stringify({ id: '7' }), message: JSON.stringify({ text: 'form' }) },
    });
    assert.equal(answer.status, 200);
    assert.equal(emulator.sent[0]?.text, 'form');
    assert.deepEqual(emulator.sent[0]?.recipient, { id: '7' });
    assert.equal(emulator.requests[0]?.version, undefined);
  });

  it('omits recipient_id for user_ref recipients and answers comment_id with the commenter id', async () => {
    const byRef = await graph(emulator.url, 'POST', '/v25.0/me/messages', {
      json: { recipient: { user_ref: 'ref-1' }, message: { text: 'hi' } },
    });
    assert.deepEqual(Object.keys(byRef.json), ['message_id']);
    const mention = emulator.instagram.addMedia({ owned: true });
    emulator.state.comments.set('179001', {
      id: '179001',
      text: 'hey',
      timestamp: '2026-01-01T00:00:00+0000',
      from: { id: '555', username: 'ann' },
      mediaId: mention.id,
      parentId: undefined,
      replies: [],
    });
    const private_ = await graph(emulator.url, 'POST', `/v25.0/${EMULATOR_DEFAULTS.igAccountId}/messages`, {
      json: { recipient: { comment_id: '179001' }, message: { text: 'private' } },
    });
    assert.equal(private_.json['recipient_id'], '555');
    assert.match(String(private_.json['message_id']), /^m_/);
    assert.equal(emulator.sent[1]?.platform, 'instagram');
  });

  it('answers sender actions with recipient_id only and records them apart from messages', async () => {
    const answer = await graph(emulator.url, 'POST', '/v25.0/me/messages', {
      json: { recipient: { id: '42' }, sender_action: 'typing_on' },
    });
    assert.deepEqual(answer.json, { recipient_id: '42' });
    assert.equal(emulator.sent.length, 0);
    assert.equal(emulator.actions[0]?.action, 'typing_on');
  });

  const invalid: [string, unknown, RegExp][] = [
    ['a missing recipient', { message: { text: 'x' } }, /recipient is required/],
    ['neither message nor sender_action', { recipient: { id: '1' } }, /either message or sender_action/],
    ['an empty message', { recipient: { id: '1' }, message: {} }, /cannot be empty/],
    ['text over 2000 characters', { recipient: { id: '1' }, message: { text: 'a'.repeat(2001) } }, /2000/],
    [
      'metadata of 1000 characters (Meta: under 1000, as the client)',
      { recipient: { id: '1' }, message: { text: 'x', metadata: 'm'.repeat(1000) } },
      /metadata\] must be at most 999/,
    ],
    [
      'more than 13 quick replies',
      {
        recipient: { id: '1' },
        message: {
          text: 'pick',
          quick_replies: Array.from({ length: 14 }, (_, i) => ({
            content_type: 'text',
            title: `t${i}`,
            payload: `p${i}`,
          })),
        },
      },
      /at most 13/,
    ],
    [
      'a quick reply title over 20 characters',
      {
        recipient: { id: '1' },
        message: {
          text: 'x',
          quick_replies: [{ content_type: 'text', title: 'a'.repeat(21), payload: 'p' }],
        },
      },
      /title/,
    ],
    [
      'an unknown sender action',
      { recipient: { id: '1' }, sender_action: 'dance' },
      /sender_action must be one of/,
    ],
    ['a text that is not a string', { recipient: { id: '1' }, message: { text: 5 } }, /message\[text\]/],
  ];
  for (const [what, body, message] of invalid) {
    it(`answers Graph error 100 (HTTP 400) for ${what}`, async () => {
      const answer = await graph(emulator.url, 'POST', '/v25.0/me/messages', { json: body });
      assert.equal(answer.status, 400);
      const error = errorOf(answer);
      assert.equal(error['code'], 100);
      assert.equal(error['type'], 'OAuthException');
      assert.match(String(error['message']), message);
      assert.equal(typeof error['fbtrace_id'], 'string');
      assert.equal(emulator.sent.length, 0);
    });
  }

  it('accepts text of exactly 2000 characters (code points) and refuses 2001, as the client does', async () => {
    for (const text of ['a'.repeat(2000), '😀'.repeat(2000)]) {
      const answer = await graph(emulator.url, 'POST', '/v25.0/me/messages', {
        json: { recipient: { id: '1' }, message: { text } },
      });
      assert.equal(answer.status, 200);
    }
    const over = await graph(emulator.url, 'POST', '/v25.0/me/messages', {
      json: { recipient: { id: '1' }, message: { text: '😀'.repeat(2001) } },
    });
    assert.equal(over.status, 400);
    assert.match(String(errorOf(over)['message']), /less than or equal to 2000/);
    assert.equal(SEND_LIMITS.textChars, 2000, 'the emulator enforces the client table itself');
  });

  it('counts Messenger text in characters but Instagram text in bytes (1000)', async () => {
    const emoji = '😀'.repeat(300); // 300 characters, 1200 bytes
    const messenger = await graph(emulator.url, 'POST', '/v25.0/me/messages', {
      json: { recipient: { id: '1' }, message: { text: emoji } },
    });
    assert.equal(messenger.status, 200);
    const instagram = await graph(emulator.url, 'POST', `/v25.0/${EMULATOR_DEFAULTS.igAccountId}/messages`, {
      json: { recipient: { id: '1' }, message: { text: emoji } },
    });
    assert.equal(instagram.status, 400);
    assert.match(String(errorOf(instagram)['message']), /1000 bytes/);
  });

  it('answers code 190 without an access token, with a WWW-Authenticate header, and never echoes tokens', async () => {
    const answer = await graph(emulator.url, 'POST', '/v25.0/me/messages', {
      json: { recipient: { id: '1' }, message: { text: 'x' } },
      token: null,
    });
    assert.equal(answer.status, 400);
    assert.equal(errorOf(answer)['code'], 190);
    assert.match(String(answer.headers['www-authenticate']), /invalid_token/);
    assert.equal(emulator.requests[0]?.hasAccessToken, false);
  });

  it('checks appsecret_proof when one is sent and keeps neither token nor proof in the record', async () => {
    const token = 'secret-token-value';
    const good = await graph(emulator.url, 'POST', '/v25.0/me/messages', {
      json: { recipient: { id: '1' }, message: { text: 'x' } },
      token,
      query: { appsecret_proof: appSecretProof(token, EMULATOR_DEFAULTS.appSecret) },
    });
    assert.equal(good.status, 200);
    const bad = await graph(emulator.url, 'POST', '/v25.0/me/messages', {
      json: { recipient: { id: '1' }, message: { text: 'x' } },
      token,
      query: { appsecret_proof: 'nope' },
    });
    assert.equal(bad.status, 400);
    assert.match(String(errorOf(bad)['message']), /appsecret_proof/);
    assert.equal(emulator.requests[0]?.hasAppSecretProof, true);
    assert.doesNotMatch(JSON.stringify(emulator.requests), /secret-token-value/);
  });

  it('maps tokens to accounts when accessTokens is given and refuses unknown tokens with code 190', async () => {
    const strict = await startEmulator({ accessTokens: { 'ig-token': EMULATOR_DEFAULTS.igAccountId } });
    try {
      const ok = await graph(strict.url, 'POST', '/v25.0/me/messages', {
        json: { recipient: { id: '9' }, message: { text: 'x' } },
        token: 'ig-token',
      });
      assert.equal(ok.status, 200);
      assert.equal(strict.sent[0]?.account, EMULATOR_DEFAULTS.igAccountId);
      const refused = await graph(strict.url, 'POST', '/v25.0/me/messages', {
        json: { recipient: { id: '9' }, message: { text: 'x' } },
        token: 'other',
      });
      assert.equal(errorOf(refused)['code'], 190);
    } finally {
      await strict.close();
    }
  });

  it('uploads an attachment, answers attachment_id, and accepts that id in a later send only', async () => {
    const upload = await graph(emulator.url, 'POST', '/v25.0/me/message_attachments', {
      json: {
        message: {
          attachment: { type: 'image', payload: { url: 'https://x.test/a.png', is_reusable: true } },
        },
      },
    });
    const id = String(upload.json['attachment_id']);
    assert.match(id, /^\d+$/);
    const send = (attachmentId: string) =>
      graph(emulator.url, 'POST', '/v25.0/me/messages', {
        json: {
          recipient: { id: '1' },
          message: { attachment: { type: 'image', payload: { attachment_id: attachmentId } } },
        },
      });
    assert.equal((await send(id)).status, 200);
    assert.equal((await send('123')).status, 400);
  });

  it('answers unknown routes with Graph error 100 / subcode 33 and HTTP 404', async () => {
    const answer = await graph(emulator.url, 'GET', '/v25.0/me/nothing_here');
    assert.equal(answer.status, 404);
    assert.equal(errorOf(answer)['code'], 100);
    assert.equal(errorOf(answer)['error_subcode'], 33);
  });
});
