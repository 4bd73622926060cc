/**
 * Type tests: `tsc --noEmit` fails when a query's narrowing breaks (a positive `IsExact` turns false) or becomes
 * too loose (an `@ts-expect-error` line stops being an error). The `it` blocks also run the narrowed code.
 */
import assert from 'node:assert/strict';
import { attachmentOf, decodeWebhook, isAttachment, matches, predicateFor } from '../../lib/events/index.js';
import type {
  Attachment,
  ChangeEvent,
  EchoEvent,
  EventFor,
  HandoverEvent,
  MentionEvent,
  MessageEvent,
  PostbackEvent,
  Query,
  GamePlayEvent,
  MessagingFeedbackEvent,
  ResponseFeedbackEvent,
  OptoutEvent,
  StopOptinEvent,
  TypedAttachment,
  AttachmentPayload,
  MessageQuickReply,
  StoryInsightsEvent,
  UnknownEvent,
  WebhookEvent,
} from '../../lib/events/index.js';
import type { NonEmptyArray, QueryEventMap, QueryTableChecks } from '../../lib/events/queries.js';
import { fixture } from './fixtures.js';

/** True when A and B are mutually assignable and identical for the compiler. */
type IsExact<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when `T` is `true`. */
function assertType<T extends true>(_proof?: T): void {}

/** Holds code that must (or must not) type-check but is never run. */
function typeOnly<A extends unknown[]>(_code: (...args: A) => void): void {}

describe('queries: type narrowing (checked by tsc)', () => {
  it('narrows message:text to a string text', () => {
    assertType<IsExact<EventFor<'message:text'>['message']['text'], string>>();
    const [e] = decodeWebhook(fixture('messenger-messages.json')).events;
    assert.ok(e);
    if (matches('message:text', e)) {
      const text: string = e.message.text;
      assert.equal(text.toUpperCase(), 'HELLO, WORLD!');
      typeOnly(() => {
        // @ts-expect-error quick_reply is not narrowed by message:text
        assert.ok(e.message.quick_reply.payload);
      });
    } else {
      assert.fail('expected a text message');
    }
    typeOnly((plain: WebhookEvent) => {
      if (matches('message', plain)) {
        // @ts-expect-error text may be undefined on a plain message
        plain.message.text.toUpperCase();
      }
    });
  });

  it('narrows message field queries to the field being present', () => {
    assertType<IsExact<EventFor<'message:quick_reply'>['message']['quick_reply'], MessageQuickReply>>();
    assertType<
      IsExact<EventFor<'message:commands'>['message']['commands'], NonEmptyArray<{ name: string }>>
    >();
    assertType<IsExact<EventFor<'message:reply_to'>['message']['reply_to']['mid'], string | undefined>>();
    assertType<IsExact<EventFor<'message:referral'>['type'], 'message'>>();
  });

  it('narrows message:attachments and message:attachments:<type> to a non-empty array', () => {
    assertType<
      IsExact<EventFor<'message:attachments:image'>['message']['attachments'], NonEmptyArray<Attachment>>
    >();
    assertType<
      IsExact<EventFor<'message:attachments'>['message']['attachments'], NonEmptyArray<Attachment>>
    >();
    assertType<
      IsExact<EventFor<'message:attachments:story_mention'>['message']['attachments'][0], Attachment>
    >();
    const events = decodeWebhook(fixture('messenger-messages.json')).events;
    const first = events
      .filter(predicateFor('message:attachments:image'))
      .map((e) => e.message.attachments[0].type);
    assert.deepEqual(first, ['image', 'image']);
    typeOnly((e: WebhookEvent) => {
      if (matches('message', e)) {
        // @ts-expect-error attachments may be undefined without the attachments query
        assert.ok(e.message.attachments[0]);
      }
    });
  });

  it('narrows event kinds: postback, echo, handover, story_insights, change, unknown', () => {
    assertType<IsExact<EventFor<'postback'>, PostbackEvent>>();
    assertType<IsExact<EventFor<'echo'>, EchoEvent>>();
    assertType<IsExact<EventFor<'message'>, MessageEvent>>();
    assertType<IsExact<EventFor<'handover'>, HandoverEvent>>();
    assertType<IsExact<EventFor<'story_insights'>, StoryInsightsEvent>>();
    assertType<IsExact<EventFor<'change'>, ChangeEvent>>();
    assertType<IsExact<EventFor<'unknown'>, UnknownEvent>>();
    assertType<IsExact<EventFor<'echo'>['message']['is_echo'], true>>();
    const [p] = decodeWebhook(fixture('messenger-events.json')).events;
    assert.ok(p);
    if (matches('postback', p)) {
      assert.equal(p.postback.title, '<TITLE_FOR_THE_CTA>');
      typeOnly(() => {
        // @ts-expect-error a postback event has no message
        assert.ok(p.message);
      });
    } else {
      assert.fail('expected a postback');
    }
  });

  it('narrows mention:comment to a string comment_id and mention:caption to none', () => {
    assertType<IsExact<EventFor<'mention:comment'>['value']['comment_id'], string>>();
    assertType<IsExact<EventFor<'mention:caption'>['value']['comment_id'], undefined>>();
    assertType<IsExact<EventFor<'mention'>, MentionEvent>>();
    assertType<IsExact<EventFor<'mention'>['value']['comment_id'], string | undefined>>();
    const [e] = decodeWebhook(fixture('instagram-mention-comment.seed.json')).events;
    assert.ok(e);
    if (matches('mention:comment', e)) {
      const id: string = e.value.comment_id;
      assert.equal(id, '17894227972186120');
    } else {
      assert.fail('expected a comment mention');
    }
    typeOnly((m: WebhookEvent) => {
      if (matches('mention', m)) {
        // @ts-expect-error comment_id may be undefined on a plain mention
        m.value.comment_id.length;
      }
    });
  });

  it('narrows standby to events whose standby is true, and query lists to the union', () => {
    assertType<IsExact<EventFor<'standby'>['standby'], true>>();
    assertType<IsExact<EventFor<'postback' | 'echo'>, PostbackEvent | EchoEvent>>();
    const events = decodeWebhook(fixture('messenger-events.json')).events;
    const picked = events.filter(predicateFor(['postback', 'edit']));
    for (const e of picked) {
      if (e.type === 'postback') assert.equal(typeof e.postback.title, 'string');
      else assert.equal(typeof e.message_edit.num_edit, 'number');
      typeOnly(() => {
        // @ts-expect-error neither a postback nor an edit is a reaction
        assert.equal(e.type === 'reaction', false);
      });
    }
  });

  it('refuses unknown query strings at compile time', () => {
    // @ts-expect-error not a query
    const bad: Query = 'message:txt';
    assert.throws(() => predicateFor(bad));
    // @ts-expect-error not a query
    assert.throws(() => matches('messages', {} as WebhookEvent));
  });

  it('checks the tables: every event type has a query and no query narrows to never', () => {
    assertType<IsExact<QueryTableChecks, [true, true, true]>>();
    assertType<IsExact<QueryEventMap['game_play'], GamePlayEvent>>();
    assertType<IsExact<QueryEventMap['message:text'], EventFor<'message:text'>>>();
  });

  it('narrows message:deleted, message:unsupported and message:self to their flag being true', () => {
    assertType<IsExact<EventFor<'message:deleted'>['message']['is_deleted'], true>>();
    assertType<IsExact<EventFor<'message:unsupported'>['message']['is_unsupported'], true>>();
    assertType<IsExact<EventFor<'message:self'>['message']['is_self'], true>>();
    assertType<IsExact<EventFor<'message:deleted'>['type'], 'message'>>();
    const [deleted] = decodeWebhook(fixture('instagram-flags.json')).events;
    assert.ok(deleted && matches('message:deleted', deleted));
    const flag: true = deleted.message.is_deleted;
    assert.equal(flag, true);
  });

  it('narrows the new kinds: game_play, messaging_feedback, response_feedback, optout', () => {
    assertType<IsExact<EventFor<'game_play'>, GamePlayEvent>>();
    assertType<IsExact<EventFor<'messaging_feedback'>, MessagingFeedbackEvent>>();
    assertType<IsExact<EventFor<'response_feedback'>, ResponseFeedbackEvent>>();
    assertType<IsExact<EventFor<'optout'>, OptoutEvent | StopOptinEvent>>();
    assertType<IsExact<EventFor<'game_play'>['game_play']['game_id'], string>>();
    assertType<IsExact<EventFor<'response_feedback'>['response_feedback']['mid'], string>>();
    assertType<IsExact<StopOptinEvent['optin']['notification_messages_status'], 'STOP NOTIFICATIONS'>>();
    const events = decodeWebhook(fixture('messenger-doc-samples.json')).events;
    const scores = events.filter(predicateFor('game_play')).map((e) => e.game_play.score);
    assert.deepEqual(scores, [100]);
    const forms = events.filter(predicateFor('messaging_feedback'));
    const answer = forms[0]?.messaging_feedback.feedback_screens[0]?.questions['myquestion1'];
    assert.equal(answer?.payload, '4');
    typeOnly((e: WebhookEvent) => {
      if (matches('optout', e)) {
        // @ts-expect-error an optout may be an optout item, which has no optin
        assert.ok(e.optin);
      }
    });
  });

  it('types the payload of an attachment of a queried type', () => {
    assertType<IsExact<TypedAttachment<'image'>['payload']['url'], string>>();
    assertType<IsExact<TypedAttachment<'sticker'>['payload']['sticker_id'], number>>();
    assertType<IsExact<TypedAttachment<'like_heart'>['type'], 'like_heart'>>();
    assertType<IsExact<TypedAttachment<'fallback'>['payload'], AttachmentPayload | null | undefined>>();
    assertType<IsExact<ReturnType<typeof attachmentOf<'image'>>, TypedAttachment<'image'> | undefined>>();
    const events = decodeWebhook(fixture('messenger-messages.json')).events;
    const images = events.filter(predicateFor('message:attachments:image'));
    assert.ok(images.length > 0);
    for (const e of images) {
      const urls: string[] = e.message.attachments.filter(isAttachment('image')).map((a) => a.payload.url);
      assert.ok(urls.length > 0 && urls.every((u) => u.startsWith('http')));
      const first = attachmentOf(e, 'image');
      assert.equal(typeof first?.payload.url, 'string');
      typeOnly(() => {
        // @ts-expect-error the payload of an untyped attachment may be absent
        assert.ok(e.message.attachments[0].payload.url);
      });
    }
  });

  it('narrows a platform-prefixed query to that platform', () => {
    assertType<IsExact<EventFor<'instagram:message:text'>['platform'], 'instagram'>>();
    assertType<IsExact<EventFor<'instagram:message:text'>['message']['text'], string>>();
    assertType<IsExact<EventFor<'messenger:postback'>['postback'], PostbackEvent['postback']>>();
    const events = decodeWebhook(fixture('instagram-field-value.json')).events;
    const texts = events.filter(predicateFor('instagram:message:text')).map((e) => e.message.text);
    assert.deepEqual(texts, ['random_text']);
    // @ts-expect-error not a platform
    assert.throws(() => predicateFor('whatsapp:message'));
  });
});
