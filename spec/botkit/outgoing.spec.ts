import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { UnroutableActivityError, UnsupportedActivityError } from '../../lib/botkit/index.js';
import type { ConversationRoute } from '../../lib/botkit/index.js';
import { planActivity } from '../../lib/botkit/outgoing.js';
import { ROUTE_PROPERTY } from '../../lib/botkit/route.js';

const PAGE = 'page-1';
const direct: ConversationRoute = {
  kind: 'direct',
  platform: 'messenger',
  accountId: PAGE,
  user: { id: 'psid-1' },
};

function on(route: ConversationRoute, activity: Partial<Activity>): Partial<Activity> {
  return {
    type: 'message',
    conversation: {
      id: 'c',
      isGroup: false,
      conversationType: route.kind,
      name: '',
      properties: { [ROUTE_PROPERTY]: route },
    },
    ...activity,
  };
}

describe('planActivity: Botkit messages as Send API calls', () => {
  it('sends a text from the page to the user', () => {
    assert.deepEqual(planActivity(on(direct, { text: 'hello' }), false), [
      { kind: 'message', to: { id: 'psid-1' }, message: { text: 'hello' }, options: { from: PAGE } },
    ]);
  });

  it('takes quick replies from channelData.quick_replies, defaulting content_type to text', () => {
    const steps = planActivity(
      on(direct, {
        text: 'Pick',
        channelData: { quick_replies: [{ title: 'A', payload: 'a' }, { content_type: 'user_email' }] },
      }),
      false,
    );
    assert.deepEqual(steps[0], {
      kind: 'message',
      to: { id: 'psid-1' },
      message: {
        text: 'Pick',
        quick_replies: [{ content_type: 'text', title: 'A', payload: 'a' }, { content_type: 'user_email' }],
      },
      options: { from: PAGE },
    });
  });

  it('turns Bot Framework suggestedActions into text quick replies', () => {
    const steps = planActivity(
      on(direct, {
        text: 'Pick',
        suggestedActions: { to: [], actions: [{ type: 'postBack', title: 'Yes', value: 'YES' }] },
      }),
      false,
    );
    assert.deepEqual(steps[0]?.kind === 'message' && steps[0].message.quick_replies, [
      { content_type: 'text', title: 'Yes', payload: 'YES' },
    ]);
  });

  it('sends text and attachments as separate messages, quick replies on the last one', () => {
    const steps = planActivity(
      on(direct, {
        text: 'Look',
        attachments: [
          { contentType: 'image/png', contentUrl: 'https://cdn.example/a.png' },
          {
            contentType: 'application/vnd.any',
            content: { template_type: 'button', text: 'Go', buttons: [] },
          },
        ],
        channelData: { quick_replies: [{ title: 'More', payload: 'MORE' }] },
      }),
      false,
    );
    assert.deepEqual(
      steps.map((step) => (step.kind === 'message' ? step.message : step.kind)),
      [
        { text: 'Look' },
        { attachment: { type: 'image', payload: { url: 'https://cdn.example/a.png' } } },
        {
          attachment: { type: 'template', payload: { template_type: 'button', text: 'Go', buttons: [] } },
          quick_replies: [{ content_type: 'text', title: 'More', payload: 'MORE' }],
        },
      ],
    );
  });

  it('passes a Messenger attachment (a template) from channelData.attachment through', () => {
    const attachment = {
      type: 'template',
      payload: { template_type: 'generic', elements: [{ title: 'T' }] },
    };
    const steps = planActivity(on(direct, { channelData: { attachment } }), false);
    assert.deepEqual(steps[0]?.kind === 'message' && steps[0].message, { attachment });
  });

  it('maps messaging_type, tag, notification_type, metadata and reply_to to Send options; proactive sends are UPDATE', () => {
    const steps = planActivity(
      on(direct, {
        text: 'x',
        channelData: { tag: 'HUMAN_AGENT', notification_type: 'SILENT_PUSH', metadata: 'm', reply_to: 'm_1' },
      }),
      false,
    );
    assert.deepEqual(steps[0]?.kind === 'message' && steps[0].options, {
      from: PAGE,
      messagingType: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      notificationType: 'SILENT_PUSH',
      metadata: 'm',
      replyTo: 'm_1',
    });
    const proactive = planActivity(on(direct, { text: 'x' }), true);
    assert.equal(proactive[0]?.kind === 'message' && proactive[0].options.messagingType, 'UPDATE');
  });

  it('makes typing a typing_on sender action, channelData.sender_action its own request, delay a pause', () => {
    assert.deepEqual(planActivity(on(direct, { type: 'typing' }), false), [
      { kind: 'senderAction', to: { id: 'psid-1' }, action: 'typing_on', from: PAGE },
    ]);
    assert.deepEqual(planActivity(on(direct, { channelData: { sender_action: 'mark_seen' } }), false), [
      { kind: 'senderAction', to: { id: 'psid-1' }, action: 'mark_seen', from: PAGE },
    ]);
    assert.deepEqual(planActivity(on(direct, { type: 'delay', value: 5 }), false), [
      { kind: 'delay', ms: 5 },
    ]);
    assert.deepEqual(planActivity(on(direct, { type: 'endOfConversation' }), false), []);
  });

  it('sends to a user_ref and checks Instagram limits on Instagram', () => {
    const ref: ConversationRoute = {
      kind: 'direct',
      platform: 'messenger',
      accountId: PAGE,
      user: { user_ref: 'r1' },
    };
    assert.deepEqual(planActivity(on(ref, { text: 'x' }), false), [
      { kind: 'message', to: { user_ref: 'r1' }, message: { text: 'x' }, options: { from: PAGE } },
    ]);
    const ig: ConversationRoute = {
      kind: 'direct',
      platform: 'instagram',
      accountId: 'ig',
      user: { id: 'igsid' },
    };
    const step = planActivity(on(ig, { text: 'x' }), false)[0];
    assert.deepEqual(step?.kind === 'message' && step.options, { from: 'ig', platform: 'instagram' });
  });

  it('answers a mention with a mention reply and a comment privately, or publicly with public_reply', () => {
    const mention: ConversationRoute = {
      kind: 'mention',
      accountId: 'ig',
      mediaId: 'media',
      commentId: 'c1',
    };
    assert.deepEqual(planActivity(on(mention, { text: 'thanks' }), false), [
      { kind: 'mentionReply', igUserId: 'ig', mediaId: 'media', commentId: 'c1', text: 'thanks' },
    ]);
    const comment: ConversationRoute = { kind: 'comment', accountId: 'ig', commentId: 'c2' };
    assert.deepEqual(planActivity(on(comment, { text: 'dm' }), false), [
      {
        kind: 'message',
        to: { comment_id: 'c2' },
        message: { text: 'dm' },
        options: { from: 'ig', platform: 'instagram' },
      },
    ]);
    assert.deepEqual(
      planActivity(on(comment, { text: 'public', channelData: { public_reply: true } }), false),
      [{ kind: 'commentReply', igUserId: 'ig', commentId: 'c2', text: 'public' }],
    );
  });

  it('refuses what the route cannot carry, naming the field', () => {
    const mention: ConversationRoute = { kind: 'mention', accountId: 'ig', mediaId: 'media' };
    assert.throws(
      () =>
        planActivity(
          on(mention, { text: 'hi', channelData: { quick_replies: [{ title: 'a', payload: 'a' }] } }),
          false,
        ),
      UnsupportedActivityError,
    );
    assert.throws(
      () => planActivity(on(direct, { text: 'x', channelData: { quick_replies: [{ title: 7 }] } }), false),
      (error: unknown) =>
        error instanceof UnsupportedActivityError && error.field === 'channelData.quick_replies[0].title',
    );
    assert.throws(
      () =>
        planActivity(
          on(direct, { attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: {} }] }),
          false,
        ),
      (error: unknown) => error instanceof UnsupportedActivityError && error.field === 'attachments[0]',
    );
    assert.throws(() => planActivity(on(direct, {}), false), UnsupportedActivityError);
    const account: ConversationRoute = { kind: 'account', platform: 'instagram', accountId: 'ig' };
    assert.throws(() => planActivity(on(account, { text: 'x' }), false), UnroutableActivityError);
  });

  it('routes a hand-made reference (no stored route) from from.id to recipient.id', () => {
    const steps = planActivity(
      {
        type: 'message',
        text: 'x',
        channelId: 'instagram',
        from: { id: 'ig', name: '' },
        recipient: { id: 'u', name: '' },
      },
      true,
    );
    assert.deepEqual(steps, [
      {
        kind: 'message',
        to: { id: 'u' },
        message: { text: 'x' },
        options: { from: 'ig', platform: 'instagram', messagingType: 'UPDATE' },
      },
    ]);
    assert.throws(() => planActivity({ type: 'message', text: 'x' }, true), UnroutableActivityError);
  });
});
