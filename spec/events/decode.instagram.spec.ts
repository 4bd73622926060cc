import assert from 'node:assert/strict';
import { decodeWebhook, matches } from '../../lib/events/index.js';
import { decodeClean, fixture, only, pick } from './fixtures.js';

describe('decodeWebhook: Instagram messaging', () => {
  const events = decodeClean('instagram-messaging.json');

  it('decodes every DM item with platform instagram, in body order', () => {
    assert.deepEqual(
      events.map((e) => e.type),
      [
        'message',
        'message',
        'message',
        'message',
        'message',
        'message',
        'message',
        'message',
        'message',
        'echo',
        'read',
        'reaction',
        'reaction',
        'postback',
        'referral',
      ],
    );
    assert.ok(events.every((e) => e.platform === 'instagram'));
    assert.equal(events[0]?.conversation, 'instagram:17841405309211844:5432109876543210');
  });

  it('decodes story_mention, share + ig_post and ig_reel attachments', () => {
    assert.equal(pick(events[1], 'message').message.attachments?.[0]?.type, 'story_mention');
    const share = pick(events[2], 'message').message.attachments ?? [];
    assert.deepEqual(
      share.map((a) => a.type),
      ['share', 'ig_post'],
    );
    assert.equal(share[1]?.payload?.ig_post_media_id, '17900000000000001');
    assert.equal(pick(events[3], 'message').message.attachments?.[0]?.payload?.reel_video_id, '17999');
  });

  it('decodes a reply to a story (reply_to.story)', () => {
    assert.deepEqual(pick(events[4], 'message').message.reply_to?.story, {
      url: 'https://cdn.instagram.com/story.jpg',
      id: '17890000000000002',
    });
  });

  it('decodes is_deleted and is_unsupported messages that carry only a mid', () => {
    assert.equal(pick(events[5], 'message').message.is_deleted, true);
    assert.equal(pick(events[6], 'message').message.is_unsupported, true);
  });

  it('decodes quick replies and ad referrals on Instagram messages', () => {
    assert.equal(pick(events[7], 'message').message.quick_reply?.payload, 'COLOR_RED');
    assert.equal(pick(events[8], 'message').message.referral?.ads_context_data?.ad_title, 'Sale');
  });

  it('decodes an Instagram echo keyed on the account and the user', () => {
    const e = pick(events[9], 'echo');
    assert.equal(e.conversation, 'instagram:17841405309211844:5432109876543210');
  });

  it('decodes messaging_seen as read by mid instead of a watermark', () => {
    const r = pick(events[10], 'read');
    assert.equal(r.read.mid, 'aWdfZAG1fZWNobw');
    assert.equal(r.read.watermark, undefined);
  });

  it('decodes reactions, unreact without reaction and emoji', () => {
    assert.equal(pick(events[11], 'reaction').reaction.emoji, '\u2764\ufe0f');
    assert.equal(pick(events[12], 'reaction').reaction.reaction, undefined);
  });

  it('decodes ice breaker postbacks and ig.me referrals', () => {
    assert.equal(pick(events[13], 'postback').postback.payload, 'ICE_1');
    assert.equal(pick(events[14], 'referral').referral.ref, 'ig-me-ref');
  });
});

describe('decodeWebhook: Instagram changes (seed samples)', () => {
  it('decodes the seed comment mention, body wrapped in an array as in the docs, entry time seconds -> ms', () => {
    const e = pick(only(decodeClean('instagram-mention-comment.seed.json')), 'mention');
    assert.equal(e.platform, 'instagram');
    assert.equal(e.field, 'mentions');
    assert.deepEqual(e.value, { comment_id: '17894227972186120', media_id: '17918195224117851' });
    assert.equal(e.entryId, '17841405726653026');
    assert.equal(e.time, 1520622968000);
    assert.equal(e.standby, false);
    assert.equal(e.conversation, 'instagram:17841405726653026');
  });

  it('decodes the seed caption mention (media_id only)', () => {
    const e = pick(only(decodeClean('instagram-mention-caption.seed.json')), 'mention');
    assert.deepEqual(e.value, { media_id: '17918195224117851' });
    assert.equal(e.value.comment_id, undefined);
  });

  it('decodes the seed story_insights sample', () => {
    const e = pick(only(decodeClean('instagram-story-insights.seed.json')), 'story_insights');
    assert.equal(e.value.media_id, '18023345989012587');
    assert.equal(e.value.impressions, 28);
    assert.equal(e.time, 1547687043000);
  });

  it('decodes the same samples sent as a plain envelope (how Meta POSTs them)', () => {
    const [body] = fixture('instagram-mention-comment.seed.json') as [unknown];
    const { events, errors } = decodeWebhook(body);
    assert.deepEqual(errors, []);
    assert.equal(pick(only(events), 'mention').value.comment_id, '17894227972186120');
  });
});

describe('decodeWebhook: Instagram comments, live comments, other changes', () => {
  const events = decodeClean('instagram-changes.json');

  it('decodes each change in order: comment, comment, live_comment, story_insights, change', () => {
    assert.deepEqual(
      events.map((e) => e.type),
      ['comment', 'comment', 'live_comment', 'story_insights', 'change'],
    );
  });

  it('accepts a comment id as id or comment_id, with from, media and parent_id', () => {
    const a = pick(events[0], 'comment');
    assert.equal(a.value.id, '17865799348089039');
    assert.equal(a.value.from?.username, 'commenter');
    assert.equal(a.value.media?.media_product_type, 'FEED');
    const b = pick(events[1], 'comment');
    assert.equal(b.value.comment_id, '17865799348089040');
    assert.equal(b.value.parent_id, '17865799348089039');
    assert.equal(b.value.media?.original_media_id, '999');
  });

  it('decodes an @mention under Instagram Login, which arrives as a comments change, as a comment event', () => {
    const body = {
      object: 'instagram',
      entry: [
        {
          id: 'IG_ACCOUNT',
          time: 1520622968,
          changes: [
            {
              field: 'comments',
              value: {
                id: 'C1',
                text: '@shop is this in stock?',
                from: { id: 'U1', username: 'u' },
                media: { id: 'M1' },
              },
            },
          ],
        },
      ],
    };
    const { events, errors } = decodeWebhook(body);
    assert.deepEqual(errors, []);
    const event = pick(only(events), 'comment');
    assert.equal(event.value.text, '@shop is this in stock?');
    assert.equal(matches('mention', event), false);
    assert.equal(matches('comment', event), true);
  });

  it('decodes live comments', () => {
    assert.equal(pick(events[2], 'live_comment').value.text, 'hello live');
  });

  it('accepts story insights counts of -1', () => {
    const v = pick(events[3], 'story_insights').value;
    assert.deepEqual(
      [v.exits, v.replies, v.reach, v.taps_forward, v.taps_back, v.impressions],
      [-1, -1, -1, -1, -1, -1],
    );
  });

  it('keeps any other Instagram change as a generic change with its field and raw value', () => {
    const e = pick(events[4], 'change');
    assert.equal(e.field, 'messaging_handover');
    assert.deepEqual(e.value, { something: 'new' });
    assert.equal(e.platform, 'instagram');
  });
});

describe('decodeWebhook: app-level changes and changed_fields', () => {
  it('decodes a user change with its object as platform and changed_fields as one change per field without value', () => {
    const events = decodeClean('app-user-changes.json');
    assert.deepEqual(
      events.map((e) => [e.type, e.platform, e.entryId, e.type === 'change' ? e.field : '', e.time]),
      [
        ['change', 'user', '44444444', 'photos', 1520383571000],
        ['change', 'user', '55555555', 'photos', 1520383572000],
        ['change', 'user', '55555555', 'email', 1520383572000],
      ],
    );
    const first = pick(events[0], 'change');
    assert.deepEqual(first.value, { verb: 'update', object_id: '10211885744794461' });
    const second = pick(events[1], 'change');
    assert.equal('value' in second, false);
    assert.equal(second.raw, 'photos');
    assert.equal(second.conversation, 'user:55555555');
  });

  it('decodes changed_fields of a permissions object', () => {
    const e = pick(only(decodeClean('permissions-changed-fields.json')), 'change');
    assert.equal(e.platform, 'permissions');
    assert.equal(e.field, 'email');
  });

  it('keeps a mentions change on a non-Instagram object as a generic change', () => {
    const { events } = decodeWebhook({
      object: 'page',
      entry: [{ id: 'P', time: 1, changes: [{ field: 'mentions', value: { weird: true } }] }],
    });
    assert.equal(pick(only(events), 'change').field, 'mentions');
  });

  it('keeps an entry time already in milliseconds as is', () => {
    const { events } = decodeWebhook({
      object: 'instagram',
      entry: [{ id: 'IG', time: 1520622968123, changes: [{ field: 'mentions', value: { media_id: 'M' } }] }],
    });
    assert.equal(only(events).time, 1520622968123);
  });
});
