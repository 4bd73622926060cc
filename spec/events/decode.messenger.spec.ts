import assert from 'node:assert/strict';
import { decodeWebhook } from '../../lib/events/index.js';
import { decodeClean, fixture, MESSENGER_EVENT_TYPES, pick } from './fixtures.js';

describe('decodeWebhook: Messenger messages', () => {
  const events = decodeClean('messenger-messages.json');
  const body = fixture('messenger-messages.json') as { entry: [{ messaging: unknown[] }] };

  it('decodes every sample message in body order as a message event', () => {
    assert.equal(events.length, body.entry[0].messaging.length);
    assert.ok(events.every((e) => e.type === 'message' && e.platform === 'messenger' && !e.standby));
  });

  it('keeps the library fields beside Meta fields: entryId, time (ms), conversation, raw by reference', () => {
    const e = pick(events[0], 'message');
    assert.equal(e.entryId, '682498302938465');
    assert.equal(e.time, 1458692752478);
    assert.equal(e.timestamp, 1458692752478);
    assert.deepEqual(e.sender, { id: '1254459154682919' });
    assert.deepEqual(e.recipient, { id: '682498302938465' });
    assert.equal(e.conversation, 'messenger:682498302938465:1254459154682919');
    const held = fixture('messenger-messages.json') as { entry: [{ messaging: [unknown] }] };
    const again = decodeWebhook(held).events[0];
    assert.equal(again?.raw, held.entry[0].messaging[0], 'raw is the received item itself');
    assert.equal((e.raw as { message: unknown }).message, e.message, 'message object is not copied');
  });

  it('decodes text with a quick reply payload', () => {
    const e = pick(events[0], 'message');
    assert.equal(e.message.text, 'hello, world!');
    assert.deepEqual(e.message.quick_reply, { payload: '<DEVELOPER_DEFINED_PAYLOAD>' });
  });

  it('decodes reply_to with its mid', () => {
    assert.equal(
      pick(events[1], 'message').message.reply_to?.mid,
      'm_1fTq8oLumEyIp3Q2MR-aY7IfLZDamVrALniheU',
    );
  });

  it('decodes the v6 fallback link-share attachment with url and title', () => {
    const a = pick(events[2], 'message').message.attachments?.[0];
    assert.equal(a?.type, 'fallback');
    assert.equal(a?.payload?.title, 'TAHITI - Heaven on Earth');
  });

  it('decodes a shops product referral and a click-to-Messenger ad referral with ads_context_data', () => {
    assert.equal(pick(events[3], 'message').message.referral?.product?.id, '<PRODUCT_ID>');
    const ad = pick(events[4], 'message').message.referral;
    assert.equal(ad?.source, 'ADS');
    assert.equal(ad?.ad_id, '<ID_OF_THE_AD>');
    assert.equal(ad?.ads_context_data?.post_id, '<ID_OF_THE_POST>');
    assert.equal(ad?.ads_context_data?.flow_id, '<FLOW_ID>');
  });

  it('decodes commands', () => {
    assert.deepEqual(pick(events[5], 'message').message.commands, [{ name: 'flights' }]);
  });

  it('decodes image, audio, video and file attachments', () => {
    const types = pick(events[6], 'message').message.attachments?.map((a) => a.type);
    assert.deepEqual(types, ['image', 'audio', 'video', 'file']);
  });

  it('decodes a sticker with its numeric sticker_id (sent as image and sticker during the transition)', () => {
    const list = pick(events[7], 'message').message.attachments ?? [];
    assert.deepEqual(
      list.map((a) => [a.type, a.payload?.sticker_id]),
      [
        ['image', 369239263222822],
        ['sticker', 369239263222822],
      ],
    );
  });

  it('decodes reel / ig_reel (reel_video_id) and post / ig_post (numeric id) attachments', () => {
    const reels = pick(events[8], 'message').message.attachments ?? [];
    assert.deepEqual(
      reels.map((a) => a.payload?.reel_video_id),
      [1234567890, 9876543210],
    );
    const posts = pick(events[9], 'message').message.attachments ?? [];
    assert.deepEqual(
      posts.map((a) => [a.type, a.payload?.id]),
      [
        ['post', 1122334455],
        ['ig_post', 5566778899],
      ],
    );
  });

  it('decodes a product template with its elements', () => {
    const a = pick(events[10], 'message').message.attachments?.[0];
    assert.equal(a?.type, 'template');
    assert.equal(a?.payload?.product?.elements?.[0]?.retailer_id, '<EXTERNAL_ID>');
  });

  it('accepts a fallback attachment with no payload at all', () => {
    assert.deepEqual(pick(events[11], 'message').message.attachments, [{ type: 'fallback' }]);
  });

  it('decodes an appointment_booking attachment', () => {
    const booking = pick(events[12], 'message').message.attachments?.[0]?.payload?.appointment_booking;
    assert.equal(booking?.status, 'confirmed');
    assert.equal(booking?.end_time, 1700003600);
  });

  it('lets fields Meta adds later pass through untouched', () => {
    const result = decodeWebhook({
      object: 'page',
      entry: [
        {
          id: 'P',
          time: 1,
          messaging: [
            {
              sender: { id: 'U', brand_new: 1 },
              recipient: { id: 'P' },
              timestamp: 5,
              message: {
                mid: 'm',
                text: 't',
                future_field: { a: 1 },
                attachments: [{ type: 'x_new', payload: { z: 2 } }],
              },
            },
          ],
        },
      ],
    });
    assert.deepEqual(result.errors, []);
    const e = pick(result.events[0], 'message');
    assert.deepEqual((e.message as Record<string, unknown>).future_field, { a: 1 });
    assert.deepEqual(e.message.attachments?.[0], { type: 'x_new', payload: { z: 2 } });
    assert.deepEqual(e.sender, { id: 'U', brand_new: 1 });
  });
});

describe('decodeWebhook: Messenger echoes', () => {
  const events = decodeClean('messenger-echoes.json');

  it('turns is_echo messages into echo events keyed on the page and the user', () => {
    assert.deepEqual(
      events.map((e) => e.type),
      ['echo', 'echo', 'echo'],
    );
    const e = pick(events[0], 'echo');
    assert.equal(e.message.is_echo, true);
    assert.equal(e.message.app_id, 1517776481860111);
    assert.equal(e.message.metadata, '<DEVELOPER_DEFINED_METADATA_STRING>');
    assert.equal(e.conversation, 'messenger:682498302938465:1254459154682919');
  });

  it('accepts an echoed fallback whose payload is null, with title and url beside type', () => {
    const a = pick(events[1], 'echo').message.attachments?.[0];
    assert.equal(a?.payload, null);
    assert.equal(a?.title, 'Some link');
    assert.equal(pick(events[1], 'echo').message.app_id, '263902037430900');
  });

  it('accepts a template echo whose attachment_id is a number', () => {
    assert.equal(pick(events[2], 'echo').message.attachments?.[0]?.payload?.attachment_id, 1857777774821032);
  });
});

describe('decodeWebhook: Messenger events', () => {
  const events = decodeClean('messenger-events.json');

  it('decodes each item by the key present, in body order', () => {
    assert.deepEqual(
      events.map((e) => e.type),
      MESSENGER_EVENT_TYPES,
    );
  });

  it('decodes a postback with mid and referral, and a chat-plugin postback from a user_ref', () => {
    const p = pick(events[0], 'postback');
    assert.equal(p.postback.payload, '<USER_DEFINED_PAYLOAD>');
    assert.equal(p.postback.referral?.source, 'SHORTLINK');
    assert.ok(p.postback.mid?.startsWith('m_'));
    const q = pick(events[1], 'postback');
    assert.deepEqual(q.sender, { user_ref: 'chat-plugin-user-ref-1' });
    assert.equal(q.conversation, 'messenger:682498302938465:chat-plugin-user-ref-1');
  });

  it('decodes read watermarks and deliveries with and without mids', () => {
    assert.equal(pick(events[2], 'read').read.watermark, 1458668856253);
    assert.deepEqual(pick(events[3], 'delivery').delivery.mids, ['mid.1458668856218:ed81099e15d3f4f233']);
    assert.equal(pick(events[4], 'delivery').delivery.mids, undefined);
  });

  it('decodes react with reaction and emoji, and unreact without them', () => {
    const r = pick(events[5], 'reaction').reaction;
    assert.deepEqual([r.action, r.reaction, r.emoji], ['react', 'love', '\u2764\ufe0f']);
    const u = pick(events[6], 'reaction').reaction;
    assert.deepEqual([u.action, u.reaction, u.emoji], ['unreact', undefined, undefined]);
  });

  it('decodes referrals from links, ads (ads_context_data) and the chat plugin (referer_uri, user_ref)', () => {
    assert.equal(pick(events[7], 'referral').referral.source, 'SHORTLINK');
    assert.equal(pick(events[8], 'referral').referral.ads_context_data?.ad_title, 'Ad');
    const plugin = pick(events[9], 'referral');
    assert.equal(plugin.referral.referer_uri, 'https://example.com/page');
    assert.deepEqual(plugin.sender, { user_ref: 'chat-plugin-user-ref-2' });
  });

  it('decodes both optin forms: marketing messages with sender, checkbox without sender', () => {
    const m = pick(events[10], 'optin');
    assert.equal(m.optin.type, 'notification_messages');
    assert.equal(m.optin.notification_messages_token, 'NOTIFICATION-MESSAGES-TOKEN');
    assert.deepEqual(m.sender, { id: '1254459154682919' });
    const c = pick(events[11], 'optin');
    assert.equal(c.sender, undefined);
    assert.equal('sender' in c, false);
    assert.equal(c.optin.user_ref, '<UNIQUE_REF_PARAM>');
    assert.equal(c.conversation, 'messenger:682498302938465:<UNIQUE_REF_PARAM>');
  });

  it('decodes pass / take / request thread control and app_roles (no sender) as handover events', () => {
    const pass = pick(events[12], 'handover');
    assert.ok('pass_thread_control' in pass);
    assert.equal(pass.pass_thread_control.previous_owner_app_id, null);
    assert.equal(pass.pass_thread_control.new_owner_app_id, '123456789');
    const take = pick(events[13], 'handover');
    assert.ok('take_thread_control' in take);
    assert.equal(take.take_thread_control.previous_owner_app_id, '123456789');
    const request = pick(events[14], 'handover');
    assert.ok('request_thread_control' in request);
    assert.equal(request.request_thread_control.requested_owner_app_id, 123456789);
    const roles = pick(events[15], 'handover');
    assert.ok('app_roles' in roles);
    assert.deepEqual(roles.app_roles, { '123456789': ['primary_receiver'] });
    assert.equal(roles.sender, undefined);
    assert.equal(roles.conversation, 'messenger:682498302938465');
  });

  it('decodes policy enforcement without sender, with and without reason', () => {
    const block = pick(events[16], 'policy_enforcement');
    assert.equal(block.policy_enforcement.action, 'block');
    assert.ok(block.policy_enforcement.reason?.startsWith('The bot violated'));
    assert.equal(pick(events[17], 'policy_enforcement').policy_enforcement.reason, undefined);
  });

  it('decodes account linking, linked with authorization_code and unlinked without', () => {
    assert.equal(
      pick(events[18], 'account_linking').account_linking.authorization_code,
      'PASS_THROUGH_AUTHORIZATION_CODE',
    );
    assert.equal(pick(events[19], 'account_linking').account_linking.status, 'unlinked');
  });

  it('decodes message edits whose num_edit is an integer or a numeric string, always as a number', () => {
    assert.equal(pick(events[20], 'edit').message_edit.num_edit, 1);
    const e = pick(events[21], 'edit');
    assert.equal(e.message_edit.num_edit, 2);
    assert.equal(
      (e.raw as { message_edit: { num_edit: unknown } }).message_edit.num_edit,
      '2',
      'raw untouched',
    );
  });
});

describe('decodeWebhook: standby and unknown items', () => {
  it('marks standby[] items standby: true with the same event types, after messaging[]', () => {
    const events = decodeClean('messenger-standby.json');
    assert.deepEqual(
      events.map((e) => [e.type, e.standby]),
      [
        ['message', false],
        ['message', true],
        ['postback', true],
        ['read', true],
        ['delivery', true],
      ],
    );
    assert.equal(pick(events[2], 'postback').postback.payload, undefined, 'standby postbacks omit payload');
  });

  it('keeps items of unknown kinds (send_cart) as unknown events with their raw JSON and first key', () => {
    const body = fixture('messenger-unknown.json') as { entry: [{ messaging: unknown[] }] };
    const events = decodeClean('messenger-unknown.json');
    assert.deepEqual(
      events.map((e) => [e.type, e.type === 'unknown' ? e.key : '']),
      [
        ['messaging_feedback', ''],
        ['game_play', ''],
        ['response_feedback', ''],
        ['unknown', 'send_cart'],
      ],
    );
    const e = pick(events[3], 'unknown');
    assert.deepEqual(e.raw, body.entry[0].messaging[3]);
    assert.deepEqual(e.sender, { id: '1254459154682919' });
    assert.equal(e.timestamp, 1458692752478);
    assert.equal(e.time, 1458692752478);
  });

  it('gives an unknown item without sender, recipient or timestamp the entry time and no participants', () => {
    const { events, errors } = decodeWebhook({
      object: 'page',
      entry: [{ id: 'P', time: 1600000000000, messaging: [{ brand_new_kind: { x: 1 } }] }],
    });
    assert.deepEqual(errors, []);
    const e = pick(events[0], 'unknown');
    assert.equal(e.time, 1600000000000);
    assert.equal(e.sender, undefined);
    assert.equal(e.key, 'brand_new_kind');
    assert.equal(e.conversation, 'messenger:P');
  });
});
