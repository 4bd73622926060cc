import assert from 'node:assert/strict';
import {
  echoItem,
  envelope,
  instagramMentionInComment,
  instagramText,
  messagingBody,
  messengerDelivery,
  messengerEcho,
  messengerPostback,
  messengerText,
  reactionName,
  serialiseLikeMeta,
  textItem,
} from '../../lib/emulator/index.js';

describe('emulator payload builders', () => {
  it('builds a Messenger text body exactly like Meta, entry time = item timestamp', () => {
    assert.deepEqual(
      messengerText({ pageId: 'P', psid: 'U', text: 'hello, world!', mid: 'm_1', timestamp: 1458692752478 }),
      {
        object: 'page',
        entry: [
          {
            id: 'P',
            time: 1458692752478,
            messaging: [
              {
                sender: { id: 'U' },
                recipient: { id: 'P' },
                timestamp: 1458692752478,
                message: { mid: 'm_1', text: 'hello, world!' },
              },
            ],
          },
        ],
      },
    );
  });

  it('makes a fresh m_ mid when none is given', () => {
    const mid = (b: ReturnType<typeof messengerText>) =>
      (b.entry[0]?.messaging?.[0]?.['message'] as { mid: string }).mid;
    const a = mid(messengerText({ pageId: 'P', psid: 'U', text: 'x' }));
    const b = mid(messengerText({ pageId: 'P', psid: 'U', text: 'x' }));
    assert.match(a, /^m_/);
    assert.notEqual(a, b);
  });

  it('puts an echo in the entry of the page that sent it, with is_echo and app_id', () => {
    const body = messengerEcho({
      pageId: 'P',
      psid: 'U',
      text: 'sent',
      appId: '123',
      mid: 'm_2',
      timestamp: 5,
    });
    assert.equal(body.entry[0]?.id, 'P');
    assert.deepEqual(body.entry[0]?.messaging?.[0], {
      sender: { id: 'P' },
      recipient: { id: 'U' },
      timestamp: 5,
      message: { is_echo: true, app_id: 123, mid: 'm_2', text: 'sent' },
    });
  });

  it('groups a mixed batch into one entry per account, echoes under their sender', () => {
    const body = messagingBody('messenger', [
      textItem({ pageId: 'A', psid: 'u', text: '1', timestamp: 1 }),
      textItem({ pageId: 'B', psid: 'u', text: '2', timestamp: 2 }),
      echoItem({ pageId: 'A', psid: 'u', text: '3', timestamp: 3 }),
    ]);
    assert.deepEqual(
      body.entry.map((e) => [e.id, e.messaging?.length, e.time]),
      [
        ['A', 2, 3],
        ['B', 1, 2],
      ],
    );
  });

  it('builds postbacks, deliveries without mids, and Instagram DMs', () => {
    const postback = messengerPostback({ pageId: 'P', psid: 'U', payload: 'GO', mid: 'm_3', timestamp: 1 });
    assert.deepEqual(postback.entry[0]?.messaging?.[0]?.['postback'], {
      mid: 'm_3',
      title: 'GO',
      payload: 'GO',
    });
    const delivery = messengerDelivery({ pageId: 'P', psid: 'U', watermark: 9, timestamp: 10 });
    assert.deepEqual(delivery.entry[0]?.messaging?.[0]?.['delivery'], { watermark: 9 });
    assert.equal(instagramText({ pageId: 'IG', psid: 'U', text: 'x' }).object, 'instagram');
  });

  it('builds Instagram mention changes with entry time in seconds, like the seed sample', () => {
    assert.deepEqual(
      instagramMentionInComment({
        igId: '17841405726653026',
        commentId: '17894227972186120',
        mediaId: '17918195224117851',
        time: 1520622968,
      }),
      envelope('instagram', [
        {
          id: '17841405726653026',
          time: 1520622968,
          changes: [
            { field: 'mentions', value: { comment_id: '17894227972186120', media_id: '17918195224117851' } },
          ],
        },
      ]),
    );
  });

  it('names reactions like Meta and serialises bodies with Meta escapes that still parse back', () => {
    assert.equal(reactionName('❤️'), 'love');
    assert.equal(reactionName('🦄'), 'other');
    const body = { text: 'äöå 😀 a/b' };
    const raw = serialiseLikeMeta(body);
    assert.equal(raw, '{"text":"\\u00e4\\u00f6\\u00e5 \\ud83d\\ude00 a\\/b"}');
    assert.deepEqual(JSON.parse(raw), body);
  });
});
