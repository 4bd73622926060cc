import assert from 'node:assert/strict';
import { decodeWebhook } from '../../lib/events/index.js';
import type { WebhookEvent } from '../../lib/events/index.js';
import { BOTKIT_EVENT_NAMES, legacyFacebookEventName } from '../../lib/botkit/index.js';
import type { MessengerChannelData } from '../../lib/botkit/index.js';
import { activityOfEvent } from '../../lib/botkit/incoming.js';
import { routeOfActivity } from '../../lib/botkit/outgoing.js';
import {
  IG_ID,
  PAGE_ID,
  instagramBody,
  instagramChanges,
  nextMid,
  nextTimestamp,
  pageBody,
  postbackItem,
  quickReplyItem,
  textItem,
} from './helpers.js';

function only(body: unknown): WebhookEvent {
  const { events, errors } = decodeWebhook(body);
  assert.deepEqual(errors, []);
  assert.equal(events.length, 1);
  return events[0] as WebhookEvent;
}

function item(user: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { sender: { id: user }, recipient: { id: PAGE_ID }, timestamp: nextTimestamp(), ...fields };
}

function dataOf(activity: { channelData?: unknown }): MessengerChannelData {
  return activity.channelData as MessengerChannelData;
}

describe('activityOfEvent: webhook events as Botkit activities', () => {
  it('makes a Messenger text a message activity on the facebook channel with Meta’s fields in channelData', () => {
    const event = only(pageBody([textItem('psid-1', 'hi there')]));
    const activity = activityOfEvent(event);
    assert.equal(activity.type, 'message');
    assert.equal(activity.channelId, 'facebook');
    assert.equal(activity.text, 'hi there');
    assert.equal(activity.from?.id, 'psid-1');
    assert.equal(activity.recipient?.id, PAGE_ID);
    assert.equal(activity.conversation?.id, `messenger:${PAGE_ID}:psid-1`);
    assert.equal(activity.id, (event as { message: { mid: string } }).message.mid);
    assert.equal(activity.timestamp?.getTime(), event.time);
    const data = dataOf(activity);
    assert.equal(data.event, event);
    assert.equal(data.botkitEventType, undefined);
    assert.deepEqual(data['sender'], { id: 'psid-1' });
    assert.equal(data['mid'], activity.id);
  });

  it('reads a quick-reply tap as its payload (text and value) and keeps the title in channelData', () => {
    const activity = activityOfEvent(only(pageBody([quickReplyItem('psid-2', 'Large', 'SIZE_L')])));
    assert.equal(activity.type, 'message');
    assert.equal(activity.text, 'SIZE_L');
    assert.equal(activity.value, 'SIZE_L');
    assert.equal(dataOf(activity)['text'], 'Large');
    assert.deepEqual(dataOf(activity)['quick_reply'], { payload: 'SIZE_L' });
  });

  it('lists attachments in Bot Framework form and in Meta’s form', () => {
    const message = {
      mid: nextMid(),
      attachments: [{ type: 'image', payload: { url: 'https://cdn.example/cat.png' } }],
    };
    const activity = activityOfEvent(only(pageBody([item('psid-3', { message })])));
    assert.equal(activity.type, 'message');
    assert.deepEqual(activity.attachments, [
      {
        contentType: 'image',
        contentUrl: 'https://cdn.example/cat.png',
        content: { url: 'https://cdn.example/cat.png' },
      },
    ]);
    assert.deepEqual(dataOf(activity)['attachments'], message.attachments);
  });

  it('names every other messaging event after its messenger-rx query', () => {
    const mid = nextMid();
    const cases: Array<[Record<string, unknown>, string]> = [
      [postbackItem('u', 'Start', 'START'), 'postback'],
      [item('u', { referral: { ref: 'promo', source: 'SHORTLINK', type: 'OPEN_THREAD' } }), 'referral'],
      [item('u', { read: { watermark: 1 } }), 'read'],
      [item('u', { delivery: { watermark: 1, mids: [mid] } }), 'delivery'],
      [item('u', { reaction: { mid, action: 'react', reaction: 'love', emoji: '❤' } }), 'reaction'],
      [item('u', { optin: { type: 'notification_messages', payload: 'p' } }), 'optin'],
      [item('u', { pass_thread_control: { new_owner_app_id: '1', metadata: 'm' } }), 'handover'],
      [item('u', { message_edit: { mid, text: 'fixed', num_edit: 1 } }), 'edit'],
      [item('u', { account_linking: { status: 'unlinked' } }), 'account_linking'],
    ];
    for (const [messaging, name] of cases) {
      const activity = activityOfEvent(only(pageBody([messaging])));
      assert.equal(activity.type, 'event', name);
      assert.equal(activity.name, name);
      assert.equal(dataOf(activity).botkitEventType, name);
    }
  });

  it('gives a postback its payload as text and an edit its new text', () => {
    const postback = activityOfEvent(only(pageBody([postbackItem('u', 'Start', 'START')])));
    assert.equal(postback.text, 'START');
    assert.equal(postback.value, 'START');
    const mid = nextMid();
    const edit = activityOfEvent(
      only(pageBody([item('u', { message_edit: { mid, text: 'fixed', num_edit: 1 } })])),
    );
    assert.equal(edit.text, 'fixed');
  });

  it('makes an echo an `echo` event from the page to the user, routed back to the user', () => {
    const echo = {
      sender: { id: PAGE_ID },
      recipient: { id: 'psid-4' },
      timestamp: nextTimestamp(),
      message: { mid: nextMid(), is_echo: true, app_id: 1, text: 'sent by us' },
    };
    const activity = activityOfEvent(only(pageBody([echo])));
    assert.equal(activity.type, 'event');
    assert.equal(activity.name, 'echo');
    assert.equal(activity.from?.id, PAGE_ID);
    assert.equal(activity.recipient?.id, 'psid-4');
    assert.equal(activity.conversation?.id, `messenger:${PAGE_ID}:psid-4`);
    assert.deepEqual(routeOfActivity(activity), {
      kind: 'direct',
      platform: 'messenger',
      accountId: PAGE_ID,
      user: { id: 'psid-4' },
    });
  });

  it('makes anything delivered in standby a `standby` event, messages included', () => {
    const body = {
      object: 'page',
      entry: [{ id: PAGE_ID, time: nextTimestamp(), standby: [textItem('u', 'hi')] }],
    };
    const activity = activityOfEvent(only(body));
    assert.equal(activity.type, 'event');
    assert.equal(activity.name, 'standby');
    assert.equal(dataOf(activity).standby, true);
    assert.equal(dataOf(activity).event.type, 'message');
  });

  it('tells Instagram apart by channelId and channelData.platform', () => {
    const activity = activityOfEvent(only(instagramBody([textItem('igsid-1', 'hey', IG_ID)])));
    assert.equal(activity.channelId, 'instagram');
    assert.equal(dataOf(activity).platform, 'instagram');
    assert.equal(activity.conversation?.id, `instagram:${IG_ID}:igsid-1`);
  });

  it('makes Instagram mentions, comments and story insights events routed the Instagram way', () => {
    const mention = activityOfEvent(
      only(
        instagramChanges([{ field: 'mentions', value: { media_id: 'media-1', comment_id: 'comment-1' } }]),
      ),
    );
    assert.equal(mention.name, 'mention');
    assert.equal(mention.channelId, 'instagram');
    assert.deepEqual(routeOfActivity(mention), {
      kind: 'mention',
      accountId: IG_ID,
      mediaId: 'media-1',
      commentId: 'comment-1',
    });

    const comment = activityOfEvent(
      only(
        instagramChanges([
          { field: 'comments', value: { id: 'c-9', text: 'great', from: { id: 'igsid-9', username: 'x' } } },
        ]),
      ),
    );
    assert.equal(comment.name, 'comment');
    assert.equal(comment.text, 'great');
    assert.equal(comment.from?.id, 'igsid-9');
    assert.deepEqual(routeOfActivity(comment), { kind: 'comment', accountId: IG_ID, commentId: 'c-9' });

    const insights = activityOfEvent(
      only(
        instagramChanges([
          {
            field: 'story_insights',
            value: {
              media_id: 's-1',
              exits: 1,
              replies: 0,
              reach: 17,
              taps_forward: 12,
              taps_back: 0,
              impressions: 28,
            },
          },
        ]),
      ),
    );
    assert.equal(insights.name, 'story_insights');
    assert.deepEqual(routeOfActivity(insights), { kind: 'account', platform: 'instagram', accountId: IG_ID });
  });

  it('uses the retired Facebook adapter’s names with legacyFacebookEventName', () => {
    const postback = activityOfEvent(
      only(pageBody([postbackItem('u', 'Start', 'START')])),
      legacyFacebookEventName,
    );
    assert.equal(postback.name, 'facebook_postback');
    const read = activityOfEvent(
      only(pageBody([item('u', { read: { watermark: 1 } })])),
      legacyFacebookEventName,
    );
    assert.equal(dataOf(read).botkitEventType, 'message_read');
    const reaction = activityOfEvent(
      only(pageBody([item('u', { reaction: { mid: nextMid(), action: 'unreact' } })])),
      legacyFacebookEventName,
    );
    assert.equal(reaction.name, 'reaction', 'events the old adapter never knew keep the default names');
  });

  it('names unsent and unsupported Instagram messages, opt-outs and the new kinds from the table of event kinds', () => {
    const ig = (message: Record<string, unknown>): Record<string, unknown> => ({
      sender: { id: 'igsid-1' },
      recipient: { id: IG_ID },
      timestamp: nextTimestamp(),
      message: { mid: nextMid(), ...message },
    });
    const deleted = activityOfEvent(only(instagramBody([ig({ is_deleted: true })])));
    assert.notEqual(deleted.type, 'message', 'an unsent message is no Botkit message');
    assert.equal(deleted.name, 'message_deleted');
    const unsupported = activityOfEvent(only(instagramBody([ig({ is_unsupported: true })])));
    assert.equal(unsupported.name, 'message_unsupported');
    const stop = activityOfEvent(
      only(
        pageBody([
          item('u', {
            optin: { type: 'notification_messages', notification_messages_status: 'STOP NOTIFICATIONS' },
          }),
        ]),
      ),
    );
    assert.equal(stop.name, 'optout');
    const game = activityOfEvent(
      only(pageBody([item('u', { game_play: { game_id: 'g', player_id: 'p', context_type: 'SOLO' } })])),
    );
    assert.equal(game.name, 'game_play');
    for (const name of ['message_deleted', 'message_unsupported', 'optout', 'game_play', 'standby'])
      assert.ok(BOTKIT_EVENT_NAMES.includes(name), name);
  });
});
