import assert from 'node:assert/strict';
import {
  decodeWebhook,
  isQuery,
  matches,
  predicateFor,
  QUERIES,
  QueryError,
} from '../../lib/events/index.js';
import type { Query, WebhookEvent } from '../../lib/events/index.js';
import { fixture, MESSENGER_EVENT_TYPES } from './fixtures.js';

function events(name: string): WebhookEvent[] {
  const { events, errors } = decodeWebhook(fixture(name));
  assert.deepEqual(errors, []);
  return events;
}

function at(list: WebhookEvent[], i: number): WebhookEvent {
  const e = list[i];
  assert.ok(e, `event ${i}`);
  return e;
}

/** The queries (out of all) that match an event. */
function matching(event: WebhookEvent): Query[] {
  return QUERIES.filter((q) => matches(q, event));
}

describe('queries: vocabulary', () => {
  it('lists exactly the design table, attachment types included', () => {
    assert.deepEqual(
      [...QUERIES].sort(),
      [
        'message',
        'message:text',
        'message:quick_reply',
        'message:reply_to',
        'message:referral',
        'message:commands',
        'message:attachments',
        ...[
          'image',
          'audio',
          'video',
          'file',
          'fallback',
          'sticker',
          'template',
          'reel',
          'ig_reel',
          'share',
          'story_mention',
          'post',
          'ig_post',
          'story',
          'ig_story',
          'media',
          'like_heart',
          'ephemeral',
          'location',
          'appointment_booking',
        ].map((t) => `message:attachments:${t}`),
        'message:deleted',
        'message:unsupported',
        'message:self',
        'optout',
        'game_play',
        'messaging_feedback',
        'response_feedback',
        'echo',
        'postback',
        'referral',
        'reaction',
        'read',
        'delivery',
        'optin',
        'handover',
        'policy_enforcement',
        'account_linking',
        'edit',
        'mention',
        'mention:comment',
        'mention:caption',
        'comment',
        'live_comment',
        'story_insights',
        'change',
        'standby',
        'unknown',
      ].sort(),
    );
  });

  it('isQuery accepts listed queries and refuses others', () => {
    assert.equal(isQuery('message:text'), true);
    assert.equal(isQuery('message:txt'), false);
    assert.equal(isQuery('message:'), false);
    assert.equal(isQuery(''), false);
  });

  it('throws QueryError naming the permitted values for an unknown query', () => {
    assert.throws(
      () => matches('message:txt' as Query, at(events('messenger-messages.json'), 0)),
      (error: unknown) => {
        assert.ok(error instanceof QueryError);
        assert.equal(error.name, 'QueryError');
        assert.equal(error.query, 'message:txt');
        assert.match(error.message, /"message:txt"/);
        assert.match(error.message, /Permitted values are: message, message:text, /);
        assert.ok(error.message.includes('mention:caption'));
        return true;
      },
    );
    assert.throws(() => predicateFor(['message', 'nope' as Query]), QueryError);
    assert.throws(() => predicateFor([]), QueryError);
    assert.throws(() => predicateFor(42 as unknown as Query), QueryError);
  });

  it('caches the predicate of a query and of a query list', () => {
    assert.equal(predicateFor('message:text'), predicateFor('message:text'));
    assert.equal(predicateFor(['echo', 'postback']), predicateFor(['echo', 'postback']));
  });

  it('refuses a single query string that spells a cached query list, and a value JSON cannot show', () => {
    predicateFor(['message', 'echo']);
    assert.throws(() => predicateFor([10n as unknown as Query]), QueryError);
    assert.throws(() => predicateFor(10n as unknown as Query), QueryError);
    assert.throws(() => predicateFor('message|echo' as Query), QueryError);
    assert.throws(
      () => matches('message|echo' as Query, at(events('messenger-messages.json'), 0)),
      QueryError,
    );
  });
});

describe('queries: matches', () => {
  const msgs = events('messenger-messages.json');
  const other = events('messenger-events.json');

  it('matches a text message with quick reply on message, message:text and message:quick_reply only', () => {
    assert.deepEqual(matching(at(msgs, 0)), ['message', 'message:text', 'message:quick_reply']);
  });

  it('matches reply_to, referral and commands messages on their field queries', () => {
    assert.ok(matches('message:reply_to', at(msgs, 1)));
    assert.ok(matches('message:referral', at(msgs, 3)));
    assert.ok(matches('message:referral', at(msgs, 4)));
    assert.ok(matches('message:commands', at(msgs, 5)));
    assert.ok(!matches('message:commands', at(msgs, 0)));
  });

  it('matches attachments by type, and any attachment on message:attachments', () => {
    assert.deepEqual(
      matching(at(msgs, 6)).filter((q) => q.startsWith('message:attachments')),
      [
        'message:attachments',
        'message:attachments:image',
        'message:attachments:audio',
        'message:attachments:video',
        'message:attachments:file',
      ],
    );
    assert.ok(matches('message:attachments:sticker', at(msgs, 7)));
    assert.ok(matches('message:attachments:ig_reel', at(msgs, 8)));
    assert.ok(matches('message:attachments:ig_post', at(msgs, 9)));
    assert.ok(matches('message:attachments:template', at(msgs, 10)));
    assert.ok(matches('message:attachments:fallback', at(msgs, 11)));
    assert.ok(matches('message:attachments:appointment_booking', at(msgs, 12)));
    assert.ok(!matches('message:attachments', at(msgs, 0)));
    const ig = events('instagram-messaging.json');
    assert.ok(matches('message:attachments:story_mention', at(ig, 1)));
    assert.ok(matches('message:attachments:share', at(ig, 2)));
  });

  it('matches echoes on echo and never on message', () => {
    const echo = at(events('messenger-echoes.json'), 0);
    assert.deepEqual(matching(echo), ['echo']);
  });

  it('matches each messaging event kind on its own query only', () => {
    assert.deepEqual(
      other.map((e) => matching(e)),
      MESSENGER_EVENT_TYPES.map((q) => [q]),
    );
  });

  it('matches standby events only on standby', () => {
    const list = events('messenger-standby.json');
    assert.deepEqual(
      list.map((e) => matching(e)),
      [['message', 'message:text'], ['standby'], ['standby'], ['standby'], ['standby']],
    );
  });

  it('matches feedback, game plays and unknown messaging items on their own query only', () => {
    assert.deepEqual(
      events('messenger-unknown.json').map((e) => matching(e)),
      [['messaging_feedback'], ['game_play'], ['response_feedback'], ['unknown']],
    );
  });

  it('matches comment mentions on mention and mention:comment, caption mentions on mention:caption', () => {
    assert.deepEqual(matching(at(events('instagram-mention-comment.seed.json'), 0)), [
      'mention',
      'mention:comment',
    ]);
    assert.deepEqual(matching(at(events('instagram-mention-caption.seed.json'), 0)), [
      'mention',
      'mention:caption',
    ]);
  });

  it('matches comments, live comments, story insights and other changes on their queries', () => {
    assert.deepEqual(
      events('instagram-changes.json').map((e) => matching(e)),
      [['comment'], ['comment'], ['live_comment'], ['story_insights'], ['change']],
    );
    assert.deepEqual(
      events('app-user-changes.json').map((e) => matching(e)),
      [['change'], ['change'], ['change']],
    );
  });

  it('predicateFor a list matches any of its queries and filters with narrowing', () => {
    const all = [...msgs, ...other];
    const either = predicateFor(['postback', 'message:commands']);
    assert.deepEqual(
      all.filter(either).map((e) => e.type),
      ['message', 'postback', 'postback'],
    );
    const texts = all.filter(predicateFor('message:text')).map((e) => e.message.text.length);
    assert.ok(texts.every((n) => n > 0));
  });
});

describe('queries: platform prefixes', () => {
  it('limits any query to Messenger or Instagram events with messenger: / instagram:', () => {
    const instagram = events('instagram-field-value.json')[0];
    const messenger = events('messenger-messages.json')[0];
    assert.ok(instagram && messenger);
    assert.ok(matches('message:text', instagram) && matches('message:text', messenger));
    assert.ok(matches('instagram:message:text', instagram));
    assert.ok(!matches('instagram:message:text', messenger));
    assert.ok(matches('messenger:message:text', messenger));
    assert.ok(!matches('messenger:message', instagram));
    assert.ok(isQuery('instagram:postback') && !isQuery('instagram:') && !isQuery('telegram:message'));
  });

  it('keeps standby events out of prefixed queries too, except prefixed standby', () => {
    const standby = events('messenger-standby.json').filter((e) => e.standby);
    assert.ok(standby.length > 0);
    assert.ok(standby.every((e) => matches('messenger:standby', e) && !matches('messenger:postback', e)));
  });

  it('names the prefixes in the error for an unknown query', () => {
    assert.throws(
      () => matches('instagram:messages' as Query, at(events('messenger-messages.json'), 0)),
      (error: unknown) =>
        error instanceof QueryError && /prefixed with messenger: or instagram:/.test(error.message),
    );
  });
});
