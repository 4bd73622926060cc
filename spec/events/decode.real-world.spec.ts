/**
 * Shapes Meta actually sends (issue #13), one `describe` per class of defect, each built from Meta's own
 * documentation samples (meta-platform.md §2, §3, §7.6, §7.7) or the App Dashboard "Test" payload: every one
 * decodes to the typed event a bot author expects, with no issue, and the queries pick it.
 */
import assert from 'node:assert/strict';
import { decodeWebhook, matches, QUERIES } from '../../lib/events/index.js';
import type { Query, WebhookEvent } from '../../lib/events/index.js';
import { decodeClean, fixture, pick } from './fixtures.js';

/** The queries (out of all) that match an event. */
function matching(event: WebhookEvent): Query[] {
  return QUERIES.filter((q) => matches(q, event));
}

const doc = (): WebhookEvent[] => decodeClean('messenger-doc-samples.json');

describe('real-world payloads 1: a delivery without timestamp (Meta’s own sample)', () => {
  it('decodes to a delivery event whose time is the entry’s time', () => {
    const e = pick(doc()[0], 'delivery');
    assert.equal(e.delivery.watermark, 1458668856253);
    assert.deepEqual(e.delivery.mids, ['mid.1458668856218:ed81099e15d3f4f233']);
    assert.equal(e.time, 1458692752478);
    assert.equal(e.timestamp, 1458692752478);
    assert.deepEqual(matching(e), ['delivery']);
  });

  it('gives a feedback form without timestamp the entry’s time too', () => {
    assert.equal(pick(doc()[6], 'messaging_feedback').time, 1458692752478);
  });
});

describe('real-world payloads 2: null where an optional string is documented', () => {
  it('keeps an echo whose template attachment has url: null, the null read as absent', () => {
    const e = pick(doc()[1], 'echo');
    const [attachment] = e.message.attachments ?? [];
    assert.equal(attachment?.type, 'template');
    assert.equal(attachment?.url, undefined);
    assert.equal(attachment?.payload?.url, undefined);
    assert.equal(attachment?.payload?.attachment_id, 1234567890);
    const raw = e.raw as { message: { attachments: [{ url: unknown }] } };
    assert.equal(raw.message.attachments[0].url, null, 'raw keeps the null as received');
  });

  it('keeps request, pass and take thread control with metadata: null', () => {
    const [request, pass, take] = doc().slice(2, 5);
    const r = pick(request, 'handover');
    assert.ok('request_thread_control' in r);
    assert.equal(r.request_thread_control.metadata, undefined);
    const p = pick(pass, 'handover');
    assert.ok('pass_thread_control' in p);
    assert.equal(p.pass_thread_control.metadata, undefined);
    assert.equal(p.pass_thread_control.previous_owner_app_id, null, 'a documented null (idle) stays null');
    const t = pick(take, 'handover');
    assert.ok('take_thread_control' in t);
    assert.equal(t.take_thread_control.metadata, undefined);
  });

  it('reads sender: null on a policy enforcement (sender optional) as absent', () => {
    const { events, errors } = decodeWebhook({
      object: 'page',
      entry: [
        {
          id: 'P',
          time: 1458692752478,
          messaging: [
            {
              sender: null,
              recipient: { id: 'P' },
              timestamp: 1458692752478,
              policy_enforcement: { action: 'unblock' },
            },
          ],
        },
      ],
    });
    assert.deepEqual(errors, []);
    assert.equal(pick(events[0], 'policy_enforcement').sender, undefined);
  });

  it('still rejects null where the field is required', () => {
    const { events, errors } = decodeWebhook({
      object: 'page',
      entry: [
        {
          id: 'P',
          time: 1,
          messaging: [{ sender: { id: 'U' }, recipient: { id: 'P' }, timestamp: 1, message: { mid: null } }],
        },
      ],
    });
    assert.deepEqual(events, []);
    assert.equal(errors[0]?.path, 'entry[0].messaging[0].message.mid');
  });
});

describe('real-world payloads 3: times in seconds and as numeric strings', () => {
  it('converts the App Dashboard “Test” message (string seconds, string entry time) to a message in ms', () => {
    const [e] = decodeClean('instagram-field-value.json');
    const m = pick(e, 'message');
    assert.equal(m.time, 1527459824000);
    assert.equal(m.timestamp, 1527459824000);
    assert.equal(m.platform, 'instagram');
    assert.equal(m.entryId, '0');
    assert.ok(matches('message:text', m));
    assert.equal(m.message.text, 'random_text');
  });

  it('converts an Instagram referral timestamped in seconds', () => {
    const e = pick(decodeClean('instagram-flags.json')[4], 'referral');
    assert.equal(e.time, 1569262485000);
  });

  it('converts a string entry time of a change and keeps ms timestamps as they are', () => {
    const { events, errors } = decodeWebhook({
      object: 'instagram',
      entry: [
        { id: 'IG', time: '1520622968', changes: [{ field: 'story_insights', value: {} }] },
        { id: 'IG', time: '1520622968000', changed_fields: ['name'] },
      ],
    });
    assert.equal(errors.length, 1, 'the empty story_insights value is an issue');
    assert.deepEqual(
      events.map((e) => e.time),
      [1520622968000],
    );
  });

  it('refuses a timestamp that is not a number', () => {
    const { errors } = decodeWebhook({
      object: 'page',
      entry: [
        {
          id: 'P',
          time: 1,
          messaging: [
            { sender: { id: 'U' }, recipient: { id: 'P' }, timestamp: '12:00', read: { watermark: 1 } },
          ],
        },
      ],
    });
    assert.equal(errors[0]?.path, 'entry[0].messaging[0].timestamp');
  });
});

describe('real-world payloads 4: page changes are messenger events', () => {
  it('gives feed and leadgen changes platform messenger (entry time in seconds converted)', () => {
    const events = decodeClean('page-feed-changes.json');
    assert.deepEqual(
      events.map((e) => [e.type, e.platform, e.type === 'change' ? e.field : '', e.time]),
      [
        ['change', 'messenger', 'feed', 1520383571000],
        ['change', 'messenger', 'leadgen', 1520383571000],
      ],
    );
    assert.equal(
      events[0]?.conversation,
      'messenger:682498302938465',
      'the conversation key follows the platform',
    );
  });
});

describe('real-world payloads 5: game plays, feedback forms, response feedback and opt-outs', () => {
  it('decodes game_play with its documented fields', () => {
    const e = pick(doc()[5], 'game_play');
    assert.deepEqual(e.game_play, {
      game_id: '<GAME-ID>',
      player_id: '<PLAYER-ID>',
      context_type: 'THREAD',
      context_id: '<CONTEXT-ID>',
      locale: 'en_US',
      score: 100,
      payload: '<PAYLOAD>',
    });
    assert.deepEqual(matching(e), ['game_play']);
  });

  it('decodes messaging_feedback with answers keyed by question id', () => {
    const e = pick(doc()[6], 'messaging_feedback');
    const answer = e.messaging_feedback.feedback_screens[0]?.questions['myquestion1'];
    assert.equal(answer?.type, 'csat');
    assert.equal(answer?.payload, '4');
    assert.equal(answer?.follow_up?.payload, 'Good service!');
    assert.deepEqual(matching(e), ['messaging_feedback']);
  });

  it('decodes response_feedback', () => {
    const e = pick(doc()[7], 'response_feedback');
    assert.deepEqual(e.response_feedback, { feedback: 'Good response', mid: 'm_rated' });
    assert.deepEqual(matching(e), ['response_feedback']);
  });

  it('matches a STOP NOTIFICATIONS optin and an optout item on optout, and a resume on optin', () => {
    const [stop, resume, optout] = doc().slice(8, 11);
    assert.deepEqual(matching(pick(stop, 'optin')), ['optout']);
    assert.deepEqual(matching(pick(resume, 'optin')), ['optin']);
    const o = pick(optout, 'optout');
    assert.equal(o.optout.type, 'notification_messages');
    assert.deepEqual(matching(o), ['optout']);
  });
});

describe('real-world payloads 6: messaging items in {field, value} form', () => {
  it('decodes each Instagram messaging field into the same typed event as its messaging[] form', () => {
    const events = decodeClean('instagram-field-value.json');
    assert.deepEqual(
      events.map((e) => [e.type, e.platform, e.time]),
      [
        ['message', 'instagram', 1527459824000],
        ['postback', 'instagram', 1527459824000],
        ['read', 'instagram', 1527459824000],
        ['reaction', 'instagram', 1527459824000],
        ['referral', 'instagram', 1527459824000],
        ['optin', 'instagram', 1527459824000],
        ['handover', 'instagram', 1527459824000],
      ],
    );
    const body = fixture('instagram-field-value.json') as { entry: [{ changes: unknown[] }] };
    assert.deepEqual(events[0]?.raw, body.entry[0].changes[0], 'raw is the whole change');
    const p = pick(events[1], 'postback');
    assert.equal(p.postback.payload, 'random_payload');
    assert.equal(p.conversation, 'instagram:17841405726653026:12334');
    assert.equal(pick(events[2], 'read').read.mid, 'random_mid');
  });

  it('lets message:text answer a message in either form', () => {
    const inChanges = decodeClean('instagram-field-value.json')[0];
    const { events } = decodeWebhook({
      object: 'instagram',
      entry: [
        {
          id: '23245',
          time: 1527459824000,
          messaging: [
            {
              sender: { id: '12334' },
              recipient: { id: '23245' },
              timestamp: 1527459824000,
              message: { mid: 'random_mid', text: 'random_text' },
            },
          ],
        },
      ],
    });
    for (const e of [inChanges, events[0]]) {
      assert.ok(e && matches('message:text', e));
      assert.equal(e.message.text, 'random_text');
      assert.equal(e.conversation, 'instagram:23245:12334');
    }
  });

  it('decodes Messenger’s documented {field, value} form of messaging_postbacks', () => {
    const e = pick(only(decodeClean('messenger-field-value-postback.json')), 'postback');
    assert.equal(e.platform, 'messenger');
    assert.equal(e.postback.payload, '<USER_DEFINED_PAYLOAD>');
    assert.equal(e.time, 1527459824000);
  });

  it('decodes the App Dashboard “Test” bodies of a Page (messages, message_deliveries with a string watermark)', () => {
    const value = { sender: { id: '12334' }, recipient: { id: '23245' }, timestamp: '1527459824' };
    const { events, errors } = decodeWebhook({
      object: 'page',
      entry: [
        {
          id: '0',
          time: 1527459824,
          changes: [
            {
              field: 'messages',
              value: { ...value, message: { mid: 'test_message_id', text: 'test_message' } },
            },
            {
              field: 'message_deliveries',
              value: { ...value, delivery: { mids: ['m'], watermark: '1527459824' } },
            },
          ],
        },
      ],
    });
    assert.deepEqual(errors, []);
    const m = pick(events[0], 'message');
    assert.ok(matches('messenger:message:text', m));
    assert.equal(m.time, 1527459824000);
    assert.equal(pick(events[1], 'delivery').delivery.watermark, 1527459824000);
  });

  it('keeps a messaging field whose value carries no messaging key as a generic change', () => {
    const { events } = decodeWebhook({
      object: 'instagram',
      entry: [{ id: 'IG', time: 1, changes: [{ field: 'standby', value: 'string' }] }],
    });
    assert.equal(pick(events[0], 'change').field, 'standby');
  });

  it('reports a malformed value at its path inside the change', () => {
    const { events, errors } = decodeWebhook({
      object: 'instagram',
      entry: [
        {
          id: 'IG',
          time: 1,
          changes: [{ field: 'messages', value: { recipient: { id: 'IG' }, message: {} } }],
        },
      ],
    });
    assert.deepEqual(events, []);
    assert.equal(errors[0]?.path, 'entry[0].changes[0].value.sender');
  });
});

function only<T>(list: readonly T[]): T | undefined {
  assert.equal(list.length, 1);
  return list[0];
}

describe('real-world payloads 7: Instagram flags and like_heart', () => {
  const events = (): WebhookEvent[] => decodeClean('instagram-flags.json');

  it('keeps unsent and unsupported messages out of message and message:text, each with its own query', () => {
    const [deleted, unsupported] = events();
    assert.deepEqual(matching(pick(deleted, 'message')), ['message:deleted']);
    assert.deepEqual(matching(pick(unsupported, 'message')), ['message:unsupported']);
  });

  it('tells a test message to oneself (is_self) apart, still a message', () => {
    assert.deepEqual(matching(pick(events()[2], 'message')), ['message', 'message:text', 'message:self']);
  });

  it('matches a like_heart attachment on its own query', () => {
    assert.deepEqual(matching(pick(events()[3], 'message')), [
      'message',
      'message:attachments',
      'message:attachments:like_heart',
    ]);
  });
});

describe('real-world payloads 8: judgement calls', () => {
  it('accepts a legacy postback without title', () => {
    const e = pick(doc()[11], 'postback');
    assert.equal(e.postback.title, undefined);
    assert.equal(e.postback.payload, 'USER_DEFINED_PAYLOAD');
  });

  it('decodes the hyphenated policy-enforcement key as policy_enforcement, raw as received', () => {
    const e = pick(doc()[12], 'policy_enforcement');
    assert.equal(e.policy_enforcement.action, 'block');
    assert.equal(e.sender, undefined);
    assert.ok('policy-enforcement' in (e.raw as object));
    assert.deepEqual(matching(e), ['policy_enforcement']);
  });

  it('leaves retired kinds (payment, checkout_update) unknown, with their key', () => {
    const [payment, checkout] = doc().slice(13, 15);
    assert.equal(pick(payment, 'unknown').key, 'payment');
    assert.equal(pick(checkout, 'unknown').key, 'checkout_update');
  });
});

describe('real-world payloads: null times', () => {
  it('reads a null item timestamp and a null entry time as absent', () => {
    const { events, errors } = decodeWebhook({
      object: 'page',
      entry: [
        {
          id: 'P',
          time: 1527459824,
          messaging: [
            { sender: { id: 'U' }, recipient: { id: 'P' }, timestamp: null, read: { watermark: 1 } },
          ],
        },
        { id: 'P', time: null, changed_fields: ['name'] },
      ],
    });
    assert.deepEqual(errors, []);
    assert.equal(events[0]?.time, 1527459824000);
    assert.equal(typeof events[1]?.time, 'number');
  });
});
