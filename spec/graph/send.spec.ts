import assert from 'node:assert/strict';
import nock from 'nock';
import { SendLimitError } from '../../lib/graph/index.js';
import { BASE, auth, makeClient, makeClient as makeBaseClient, useNock } from './helpers.js';

const OK = { recipient_id: '1', message_id: 'm_1' };

/** Expects exactly one POST to `path` with `body` and the page token + proof in the query. */
function expectSend(body: nock.DataMatcherMap, path = '/v25.0/me/messages', reply: object = OK): nock.Scope {
  return nock(BASE).post(path, body).query(auth()).reply(200, reply);
}

describe('graph send API', () => {
  useNock();

  it('sends a text to a PSID string as recipient.id with messaging_type RESPONSE', async () => {
    const scope = expectSend({
      recipient: { id: '1' },
      messaging_type: 'RESPONSE',
      message: { text: 'Hello' },
    });
    assert.deepEqual(await makeClient().send.text('1', 'Hello'), OK);
    scope.done();
  });

  it('posts to /{page-id}/messages with from, and passes tag, notification_type, reply_to and metadata', async () => {
    const scope = expectSend(
      {
        recipient: { user_ref: 'ref1' },
        messaging_type: 'MESSAGE_TAG',
        tag: 'HUMAN_AGENT',
        notification_type: 'SILENT_PUSH',
        reply_to: { mid: 'm_0' },
        message: { text: 'Later', metadata: 'meta' },
      },
      '/v25.0/4242/messages',
      { message_id: 'm_2' },
    );
    const result = await makeClient().send.text({ user_ref: 'ref1' }, 'Later', {
      from: '4242',
      tag: 'HUMAN_AGENT',
      notificationType: 'SILENT_PUSH',
      replyTo: 'm_0',
      metadata: 'meta',
    });
    assert.deepEqual(result, { message_id: 'm_2' });
    scope.done();
  });

  it('sends quick replies in Meta shape, expanding the { title, payload } shorthand', async () => {
    const scope = expectSend({
      recipient: { id: '1' },
      messaging_type: 'RESPONSE',
      message: {
        text: 'Pick',
        quick_replies: [
          { content_type: 'text', title: 'Red', payload: 'RED' },
          { content_type: 'text', title: 'Blue', payload: 'BLUE', image_url: 'https://x/b.png' },
          { content_type: 'user_email' },
        ],
      },
    });
    await makeClient().send.quickReplies('1', 'Pick', [
      { title: 'Red', payload: 'RED' },
      { content_type: 'text', title: 'Blue', payload: 'BLUE', image_url: 'https://x/b.png' },
      { content_type: 'user_email' },
    ]);
    scope.done();
  });

  it('sends an attachment by URL (with is_reusable) and by attachment_id', async () => {
    const scope = expectSend({
      recipient: { id: '1' },
      messaging_type: 'RESPONSE',
      message: { attachment: { type: 'image', payload: { url: 'https://x/cat.png', is_reusable: true } } },
    });
    const byId = expectSend({
      recipient: { id: '1' },
      messaging_type: 'UPDATE',
      message: { attachment: { type: 'video', payload: { attachment_id: '999' } } },
    });
    const client = makeClient();
    await client.send.attachment('1', { type: 'image', url: 'https://x/cat.png', isReusable: true });
    await client.send.attachment('1', { type: 'video', attachmentId: '999' }, { messagingType: 'UPDATE' });
    scope.done();
    byId.done();
    await assert.rejects(client.send.attachment('1', { type: 'file' }), TypeError);
  });

  it('sends generic, button and media templates', async () => {
    const button = { type: 'postback' as const, title: 'Buy', payload: 'BUY' };
    const generic = expectSend({
      recipient: { id: '1' },
      messaging_type: 'RESPONSE',
      message: {
        attachment: {
          type: 'template',
          payload: {
            template_type: 'generic',
            elements: [{ title: 'Shoe', subtitle: 'Nice', buttons: [button] }],
          },
        },
      },
    });
    const buttons = expectSend({
      recipient: { id: '1' },
      messaging_type: 'RESPONSE',
      message: {
        attachment: {
          type: 'template',
          payload: { template_type: 'button', text: 'What now?', buttons: [button] },
        },
      },
    });
    const media = expectSend({
      recipient: { id: '1' },
      messaging_type: 'RESPONSE',
      message: {
        attachment: {
          type: 'template',
          payload: { template_type: 'media', elements: [{ media_type: 'image', attachment_id: '55' }] },
        },
      },
    });
    const client = makeClient();
    await client.send.genericTemplate('1', [{ title: 'Shoe', subtitle: 'Nice', buttons: [button] }]);
    await client.send.buttonTemplate('1', 'What now?', [button]);
    await client.send.mediaTemplate('1', { media_type: 'image', attachment_id: '55' });
    generic.done();
    buttons.done();
    media.done();
  });

  it('sends a sender action as its own request, without message or messaging_type', async () => {
    const scope = expectSend({ recipient: { id: '1' }, sender_action: 'typing_on' }, '/v25.0/me/messages', {
      recipient_id: '1',
    });
    assert.deepEqual(await makeClient().send.senderAction('1', 'typing_on'), { recipient_id: '1' });
    scope.done();
  });

  it('reacts and unreacts to a message with sender_action react/unreact', async () => {
    const react = expectSend(
      { recipient: { id: '1' }, sender_action: 'react', payload: { message_id: 'm_9', reaction: '😊' } },
      '/v25.0/77/messages',
      { recipient_id: '1' },
    );
    const unreact = expectSend(
      { recipient: { id: '1' }, sender_action: 'unreact', payload: { message_id: 'm_9' } },
      '/v25.0/77/messages',
      { recipient_id: '1' },
    );
    const client = makeClient();
    await client.send.react('1', 'm_9', '😊', { from: '77' });
    await client.send.unreact('1', 'm_9', { from: '77' });
    react.done();
    unreact.done();
  });

  it('uploads an attachment to /message_attachments and returns its attachment_id', async () => {
    const scope = nock(BASE)
      .post('/v25.0/me/message_attachments', {
        message: { attachment: { type: 'image', payload: { url: 'https://x/a.png', is_reusable: true } } },
      })
      .query(auth())
      .reply(200, { attachment_id: '1857777774821032' })
      .post('/v25.0/17841/message_attachments', {
        platform: 'instagram',
        message: { attachment: { type: 'audio', payload: { url: 'https://x/a.mp3', is_reusable: false } } },
      })
      .query(auth())
      .reply(200, { attachment_id: '2' });
    const client = makeClient();
    assert.deepEqual(await client.send.uploadAttachment({ type: 'image', url: 'https://x/a.png' }), {
      attachment_id: '1857777774821032',
    });
    await client.send.uploadAttachment(
      { type: 'audio', url: 'https://x/a.mp3', isReusable: false, platform: 'instagram' },
      { from: '17841' },
    );
    scope.done();
  });

  it('sends an Instagram DM through the same Send API shape from the IG account', async () => {
    const scope = expectSend(
      { recipient: { id: 'igsid' }, messaging_type: 'RESPONSE', message: { text: 'Hi on IG' } },
      '/v25.0/17841400000/messages',
    );
    await makeClient().send.text('igsid', 'Hi on IG', { from: '17841400000', platform: 'instagram' });
    scope.done();
  });
});

describe('graph send API limits (checked before any request)', () => {
  useNock();

  async function refused(
    promise: Promise<unknown>,
    field: string,
    limit: number,
    actual: number,
  ): Promise<void> {
    const error = await promise.then(
      () => assert.fail('expected a SendLimitError'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof SendLimitError, String(error));
    assert.equal(error.field, field);
    assert.equal(error.limit, limit);
    assert.equal(error.actual, actual);
  }

  // Every client here counts fetch calls: a limit must be refused before anything is sent.
  let fetches = 0;
  const countingFetch: typeof fetch = (input, init) => {
    fetches++;
    return globalThis.fetch(input, init);
  };
  const makeClient = (): ReturnType<typeof makeBaseClient> => makeBaseClient({ fetch: countingFetch });
  beforeEach(() => {
    fetches = 0;
  });
  afterEach(() => assert.equal(fetches, 0, 'no request may be made when a limit is broken'));

  it('refuses text over 2000 characters, counting code points, and sends exactly 2000 (as the emulator)', async () => {
    const client = makeClient();
    await refused(client.send.text('1', 'a'.repeat(2001)), 'message.text', 2000, 2001);
    await refused(client.send.text('1', '😀'.repeat(2001)), 'message.text', 2000, 2001);
    const scope = nock(BASE).post('/v25.0/me/messages').query(true).times(2).reply(200, OK);
    assert.equal(fetches, 0);
    await client.send.text('1', 'a'.repeat(2000));
    await client.send.text('1', '😀'.repeat(2000)); // 4000 UTF-16 units, 2000 characters
    scope.done();
    fetches = 0;
  });

  it('refuses Instagram text over 1000 UTF-8 bytes', async () => {
    const text = 'é'.repeat(501); // 501 characters, 1002 bytes
    await refused(makeClient().send.text('1', text, { platform: 'instagram' }), 'message.text', 1000, 1002);
    await refused(
      makeClient().instagram.privateReply({ from: '1', commentId: 'c', text }),
      'message.text',
      1000,
      1002,
    );
  });

  it('refuses more than 13 quick replies, titles over 20 and payloads over 1000 characters', async () => {
    const client = makeClient();
    const many = Array.from({ length: 14 }, (_, i) => ({ title: `t${i}`, payload: `p${i}` }));
    await refused(client.send.quickReplies('1', 'x', many), 'message.quick_replies', 13, 14);
    await refused(
      client.send.quickReplies('1', 'x', [{ title: 'x'.repeat(21), payload: 'p' }]),
      'message.quick_replies[0].title',
      20,
      21,
    );
    await refused(
      client.send.quickReplies('1', 'x', [
        { title: 'ok', payload: 'p' },
        { title: 'ok', payload: 'p'.repeat(1001) },
      ]),
      'message.quick_replies[1].payload',
      1000,
      1001,
    );
  });

  it('refuses metadata of 1000 characters or more', async () => {
    await refused(
      makeClient().send.text('1', 'x', { metadata: 'm'.repeat(1000) }),
      'message.metadata',
      999,
      1000,
    );
  });

  it('refuses templates over their element, title, text and button limits', async () => {
    const client = makeClient();
    const elements = Array.from({ length: 11 }, () => ({ title: 'x' }));
    await refused(client.send.genericTemplate('1', elements), 'message.attachment.payload.elements', 10, 11);
    await refused(
      client.send.genericTemplate('1', [{ title: 't'.repeat(81) }]),
      'message.attachment.payload.elements[0].title',
      80,
      81,
    );
    const b = { type: 'postback' as const, title: 'b', payload: 'p' };
    await refused(
      client.send.buttonTemplate('1', 'x', [b, b, b, b]),
      'message.attachment.payload.buttons',
      3,
      4,
    );
    await refused(
      client.send.buttonTemplate('1', 'x'.repeat(641), [b]),
      'message.attachment.payload.text',
      640,
      641,
    );
    await assert.rejects(client.send.buttonTemplate('1', 'x', []), TypeError);
  });

  it('refuses a message with neither text nor attachment', async () => {
    await assert.rejects(makeClient().send.message('1', {}), TypeError);
  });
});
