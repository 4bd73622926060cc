import assert from 'node:assert/strict';
import { accountIdOf, decodeWebhook, dedupKey, isMessagingEvent, userOf } from '../../lib/events/index.js';
import { entryTimeMs } from '../../lib/events/decode.js';
import type { WebhookEvent } from '../../lib/events/index.js';
import { fixture } from './fixtures.js';

function events(name: string): WebhookEvent[] {
  return decodeWebhook(fixture(name)).events;
}

const ALL = [
  'messenger-messages.json',
  'messenger-echoes.json',
  'messenger-events.json',
  'messenger-standby.json',
  'messenger-unknown.json',
  'instagram-messaging.json',
  'instagram-changes.json',
  'instagram-mention-comment.seed.json',
  'instagram-mention-caption.seed.json',
  'instagram-story-insights.seed.json',
  'app-user-changes.json',
];

describe('accountIdOf / userOf', () => {
  const [inbound] = events('messenger-messages.json');
  const [echo] = events('messenger-echoes.json');

  it('gives the recipient page and the sender user of an inbound message', () => {
    assert.ok(inbound);
    assert.equal(accountIdOf(inbound), '682498302938465');
    assert.deepEqual(userOf(inbound), { id: '1254459154682919' });
  });

  it('swaps them on an echo: the page is the sender, the user the recipient', () => {
    assert.ok(echo);
    assert.equal(accountIdOf(echo), '682498302938465');
    assert.deepEqual(userOf(echo), { id: '1254459154682919' });
  });

  it('gives the user_ref of a checkbox optin without sender, and no user for app_roles or policy events', () => {
    const list = events('messenger-events.json');
    const checkbox = list[11];
    assert.ok(checkbox);
    assert.deepEqual(userOf(checkbox), { user_ref: '<UNIQUE_REF_PARAM>' });
    assert.equal(userOf(list[15] as WebhookEvent), undefined);
    assert.equal(userOf(list[16] as WebhookEvent), undefined);
    assert.equal(accountIdOf(list[16] as WebhookEvent), '682498302938465');
  });

  it('gives the entry id and no user for change events', () => {
    const [mention] = events('instagram-mention-comment.seed.json');
    assert.ok(mention);
    assert.equal(accountIdOf(mention), '17841405726653026');
    assert.equal(userOf(mention), undefined);
  });
});

describe('dedupKey', () => {
  it('is the same for a redelivery of the same body', () => {
    for (const name of ALL) {
      const first = events(name).map(dedupKey);
      const again = events(name).map(dedupKey);
      assert.deepEqual(again, first, name);
    }
  });

  it('tells apart the distinct events of every fixture', () => {
    for (const name of ALL) {
      const keys = events(name).map(dedupKey);
      assert.equal(new Set(keys).size, keys.length, `${name}: ${keys.join(' ')}`);
    }
  });

  it('is mid-based for messages, and separates an Instagram deletion from the original message', () => {
    const list = events('instagram-messaging.json');
    assert.equal(dedupKey(list[0] as WebhookEvent), 'message:instagram:aWdfZAG1fdGV4dA');
    assert.equal(dedupKey(list[5] as WebhookEvent), 'message:instagram:aWdfZAG1fdGV4dA:deleted');
  });

  it('separates edits of one mid by num_edit and reactions by action', () => {
    const list = events('messenger-events.json');
    const [edit1, edit2] = [list[20], list[21]] as [WebhookEvent, WebhookEvent];
    assert.notEqual(dedupKey(edit1), dedupKey(edit2));
    assert.match(dedupKey(edit2), /^edit:messenger:m_edited:2$/);
    const [react, unreact] = [list[5], list[6]] as [WebhookEvent, WebhookEvent];
    assert.notEqual(dedupKey(react), dedupKey(unreact));
  });

  it('uses the comment id for comments whether it came as id or comment_id', () => {
    const list = events('instagram-changes.json');
    assert.equal(dedupKey(list[0] as WebhookEvent), 'comment:17841405309211844:17865799348089039');
    assert.equal(dedupKey(list[1] as WebhookEvent), 'comment:17841405309211844:17865799348089040');
  });

  it('separates a comment mention from a caption mention of the same media', () => {
    const [c] = events('instagram-mention-comment.seed.json');
    const [m] = events('instagram-mention-caption.seed.json');
    assert.notEqual(dedupKey(c as WebhookEvent), dedupKey(m as WebhookEvent));
  });

  it('separates generic changes by value and changed_fields by field', () => {
    const body = (value: unknown) => ({
      object: 'user',
      entry: [{ id: 'U', time: 1, changes: [{ field: 'photos', value }], changed_fields: ['a', 'b'] }],
    });
    const [a, f1, f2] = decodeWebhook(body({ object_id: '1' })).events.map(dedupKey);
    const [b] = decodeWebhook(body({ object_id: '2' })).events.map(dedupKey);
    assert.notEqual(a, b);
    assert.notEqual(f1, f2);
  });
});

describe('dedupKey: distinct events on one message', () => {
  const reaction = (user: string, action: string, timestamp: number, reaction?: string) => ({
    sender: { id: user },
    recipient: { id: 'P' },
    timestamp,
    reaction: { mid: 'm_1', action, ...(reaction === undefined ? {} : { reaction, emoji: 'x' }) },
  });

  it('separates two users reacting to one mid, a changed reaction and an unreact, and keeps redeliveries equal', () => {
    const items = [
      reaction('U1', 'react', 1, 'love'),
      reaction('U2', 'react', 1, 'love'),
      reaction('U1', 'react', 2, 'like'),
      reaction('U1', 'unreact', 3),
    ];
    const keys = () =>
      decodeWebhook({ object: 'page', entry: [{ id: 'P', time: 1, messaging: items }] }).events.map(dedupKey);
    const first = keys();
    assert.equal(new Set(first).size, 4);
    assert.deepEqual(keys(), first);
  });

  it('never throws for an event whose raw value cannot be serialised', () => {
    const raw = Object.create(null) as Record<string, unknown>;
    raw.self = raw;
    raw.sender = { id: 'U' };
    raw.recipient = { id: 'P' };
    raw.timestamp = 1;
    const [event] = decodeWebhook({ object: 'page', entry: [{ id: 'P', time: 1, messaging: [raw] }] }).events;
    assert.equal(event?.type, 'unknown');
    assert.doesNotThrow(() => dedupKey(event));
    assert.equal(dedupKey(event), dedupKey(event));
  });
});

describe('isMessagingEvent / entryTimeMs', () => {
  it('tells messaging events from change events', () => {
    const messaging = [...events('messenger-events.json'), ...events('messenger-unknown.json')];
    const changes = [...events('instagram-changes.json'), ...events('app-user-changes.json')];
    assert.ok(messaging.every(isMessagingEvent));
    assert.ok(!changes.some(isMessagingEvent));
  });

  it('turns entry seconds into ms and keeps ms', () => {
    assert.equal(entryTimeMs(1520622968), 1520622968000);
    assert.equal(entryTimeMs(1518479195594), 1518479195594);
  });
});
