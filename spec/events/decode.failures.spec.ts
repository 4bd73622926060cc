import assert from 'node:assert/strict';
import { decodeWebhook } from '../../lib/events/index.js';
import type { DecodeResult } from '../../lib/events/index.js';

const PAGE = 'P1';
const msg = (mid: string, extra: Record<string, unknown> = {}) => ({
  sender: { id: 'U1' },
  recipient: { id: PAGE },
  timestamp: 1700000000000,
  message: { mid, text: `text ${mid}`, ...extra },
});

function page(messaging: unknown[]): unknown {
  return { object: 'page', entry: [{ id: PAGE, time: 1700000000000, messaging }] };
}

function decodeSafely(body: unknown): DecodeResult {
  let result: DecodeResult | undefined;
  assert.doesNotThrow(() => {
    result = decodeWebhook(body);
  });
  assert.ok(result);
  return result;
}

describe('decodeWebhook: bodies that are not envelopes', () => {
  const garbage: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['a string', 'hello'],
    ['a boolean', true],
    ['an empty array', []],
    ['an array of numbers', [1, 2, 3]],
    ['an array of nulls', [null]],
    ['{}', {}],
    ['entry missing', { object: 'page' }],
    ['object missing', { entry: [] as unknown[] }],
    ['object not a string', { object: 7, entry: [] as unknown[] }],
    ['entry not an array', { object: 'page', entry: { id: '1' } }],
    ['entry a string', { object: 'page', entry: 'nope' }],
    ['a function', () => 1],
    ['a Map', new Map([['object', 'page']])],
  ];
  for (const [name, body] of garbage) {
    it(`yields no events and an issue for ${name}`, () => {
      const { events, errors } = decodeSafely(body);
      assert.deepEqual(events, []);
      assert.ok(errors.length >= 1, 'at least one issue');
      for (const issue of errors) {
        assert.equal(typeof issue.path, 'string');
        assert.ok(issue.message.includes(issue.expected));
      }
    });
  }

  it('names the missing field for {}', () => {
    const { errors } = decodeWebhook({});
    assert.equal(errors[0]?.path, 'object');
    assert.equal(errors[0]?.expected, 'string');
    assert.equal(errors[0]?.got, 'undefined');
  });

  it('accepts an envelope with an empty entry list without issues', () => {
    assert.deepEqual(decodeWebhook({ object: 'page', entry: [] }), { events: [], errors: [] });
  });

  it('survives deeply wrong shapes, cycles and throwing getters', () => {
    const cyclic: Record<string, unknown> = { object: 'page' };
    cyclic.entry = [cyclic];
    decodeSafely(cyclic);
    const hostile = {
      object: 'page',
      get entry(): unknown {
        throw new Error('boom');
      },
    };
    const { events, errors } = decodeSafely(hostile);
    assert.deepEqual(events, []);
    assert.equal(errors.length, 1);
    let deep: unknown = { leaf: true };
    for (let i = 0; i < 5000; i++) deep = { message: deep, sender: deep, entry: [deep] };
    decodeSafely(deep);
    decodeSafely({ object: 'page', entry: [deep, { id: 'P', messaging: [deep, deep] }] });
  });
});

describe('decodeWebhook: hostile inputs', () => {
  const read = (n: number) => ({
    sender: { id: 'U1' },
    recipient: { id: PAGE },
    timestamp: n,
    read: { watermark: n },
  });

  it('never throws for a revoked Proxy, a Proxy whose traps throw, or an error that cannot become a string', () => {
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const fail = (): never => {
      throw new Error('trap');
    };
    const trapping = new Proxy({}, { get: fail, has: fail, ownKeys: fail, getPrototypeOf: fail });
    const unprintable = {
      get object(): string {
        throw { toString: fail };
      },
      entry: [],
    };
    for (const body of [revoked, trapping, unprintable, [revoked], { object: 'page', entry: trapping }]) {
      const { events, errors } = decodeSafely(body);
      assert.deepEqual(events, []);
      assert.ok(errors.length >= 1);
    }
  });

  it('reports an item or entry whose getters throw at its own path and keeps its siblings', () => {
    const item: Record<string, unknown> = { sender: { id: 'U1' }, recipient: { id: PAGE }, timestamp: 2 };
    Object.defineProperty(item, 'message', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const { events, errors } = decodeSafely({
      object: 'page',
      entry: [
        { id: PAGE, time: 1, messaging: [read(1), item, read(3)] },
        revoked,
        { id: PAGE, time: 1, messaging: [read(4)] },
      ],
    });
    // Timestamps this small are epoch seconds, so they come out in ms.
    assert.deepEqual(
      events.map((e) => e.time),
      [1000, 3000, 4000],
    );
    assert.deepEqual(
      errors.map((e) => e.path),
      ['entry[0].messaging[1]', 'entry[1]'],
    );
    assert.match(errors[0]?.message ?? '', /getter/);
  });

  it('treats prototype-pollution keys in items and change fields as plain data', () => {
    const body: unknown = JSON.parse(
      '{"object":"instagram","entry":[{"id":"IG","time":1,' +
        '"messaging":[{"__proto__":{"message":{"mid":"x"}},"sender":{"id":"U"},"recipient":{"id":"IG"},"timestamp":1}],' +
        '"changes":[{"field":"__proto__","value":{"polluted":true}},{"field":"constructor","value":1}]}]}',
    );
    const { events, errors } = decodeSafely(body);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      events.map((e) => [e.type, e.type === 'change' ? e.field : e.type === 'unknown' ? e.key : '']),
      [
        ['unknown', '__proto__'],
        ['change', '__proto__'],
        ['change', 'constructor'],
      ],
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('decodeWebhook: malformed entries and items', () => {
  it('reports a malformed item with a readable path and keeps its siblings', () => {
    const { events, errors } = decodeWebhook(page([msg('m1'), msg('m2', { text: 42 }), msg('m3')]));
    assert.deepEqual(
      events.map((e) => (e.type === 'message' ? e.message.mid : e.type)),
      ['m1', 'm3'],
    );
    assert.equal(errors.length, 1);
    assert.deepEqual(
      { path: errors[0]?.path, expected: errors[0]?.expected, got: errors[0]?.got },
      { path: 'entry[0].messaging[1].message.text', expected: 'string', got: '42' },
    );
    assert.match(
      errors[0]?.message ?? '',
      /^entry\[0\]\.messaging\[1\]\.message\.text: expected string, got 42/,
    );
  });

  it('points into attachments: entry[0].messaging[0].message.attachments[1].payload', () => {
    const { errors } = decodeWebhook(
      page([
        msg('m1', {
          attachments: [
            { type: 'image', payload: { url: 'u' } },
            { type: 'image', payload: 'x' },
          ],
        }),
      ]),
    );
    assert.equal(errors[0]?.path, 'entry[0].messaging[0].message.attachments[1].payload');
    assert.equal(errors[0]?.got, '"x"');
  });

  it('reports a bad sender at the sender, naming both accepted forms', () => {
    const { errors } = decodeWebhook(page([{ ...msg('m1'), sender: { psid: 'x' } }]));
    assert.equal(errors[0]?.path, 'entry[0].messaging[0].sender');
    assert.equal(errors[0]?.expected, '{ id: string } | { user_ref: string }');
  });

  it('truncates got to about 80 characters', () => {
    const { errors } = decodeWebhook(page([msg('m1', { text: { long: 'x'.repeat(500) } })]));
    assert.ok((errors[0]?.got.length ?? 0) <= 80);
    assert.ok(errors[0]?.got.endsWith('…'));
  });

  it('rejects wrong types in each kind and keeps the good items around them', () => {
    const base = { sender: { id: 'U' }, recipient: { id: PAGE }, timestamp: 1 };
    const bad = [
      { ...base, timestamp: 'yesterday', message: { mid: 'm' } },
      { ...base, message: { text: 'no mid' } },
      { ...base, postback: { title: 7, payload: 'a number title' } },
      { ...base, reaction: { mid: 'm', action: 'smile' } },
      { ...base, delivery: { mids: ['m'] } },
      { ...base, message_edit: { mid: 'm', num_edit: 'two' } },
      { ...base, account_linking: { status: 'maybe' } },
      { ...base, read: { watermark: 'late' } },
      { ...base, message: { mid: 'm', attachments: [{ type: 'sticker', payload: { sticker_id: '369' } }] } },
      { recipient: { id: PAGE }, timestamp: 1, postback: { title: 't' } },
      7,
      null,
      'item',
      [],
    ];
    const items: unknown[] = [];
    for (const b of bad) items.push(msg('ok'), b);
    items.push(msg('ok'));
    const { events, errors } = decodeWebhook(page(items));
    assert.equal(events.length, bad.length + 1);
    assert.ok(events.every((e) => e.type === 'message'));
    assert.equal(errors.length, bad.length);
    assert.deepEqual(
      errors.map((e) => e.path),
      bad.map((_, i) => {
        const at = `entry[0].messaging[${2 * i + 1}]`;
        return [
          `${at}.timestamp`,
          `${at}.message.mid`,
          `${at}.postback.title`,
          `${at}.reaction.action`,
          `${at}.delivery.watermark`,
          `${at}.message_edit.num_edit`,
          `${at}.account_linking.status`,
          `${at}.read.watermark`,
          `${at}.message.attachments[0].payload.sticker_id`,
          `${at}.sender`,
          at,
          at,
          at,
          at,
        ][i];
      }),
    );
  });

  it('reports a malformed entry and keeps the other entries', () => {
    const { events, errors } = decodeWebhook({
      object: 'page',
      entry: [
        { id: 'A', time: 1, messaging: [msg('a')] },
        { time: 1, messaging: [msg('lost')] },
        'not an entry',
        { id: 'C', time: 1, messaging: [msg('c')] },
      ],
    });
    assert.deepEqual(
      events.map((e) => e.entryId),
      ['A', 'C'],
    );
    assert.deepEqual(
      errors.map((e) => e.path),
      ['entry[1].id', 'entry[2]'],
    );
  });

  it('reports a list that is not an array and still decodes the entry’s other lists', () => {
    const { events, errors } = decodeWebhook({
      object: 'instagram',
      entry: [
        {
          id: 'IG',
          time: 1520622968,
          messaging: { not: 'a list' },
          changes: [{ field: 'mentions', value: { media_id: 'M' } }],
        },
      ],
    });
    assert.deepEqual(
      events.map((e) => e.type),
      ['mention'],
    );
    assert.equal(errors[0]?.path, 'entry[0].messaging');
  });

  it('reports malformed change values and change items, keeping siblings', () => {
    const { events, errors } = decodeWebhook({
      object: 'instagram',
      entry: [
        {
          id: 'IG',
          time: 1520622968,
          changes: [
            { field: 'mentions', value: { comment_id: 'C' } },
            { field: 'story_insights', value: { media_id: 'S', exits: '1' } },
            { value: { media_id: 'M' } },
            { field: 'mentions', value: { media_id: 'M' } },
          ],
          changed_fields: ['ok', 3],
        },
      ],
    });
    assert.deepEqual(
      events.map((e) => e.type),
      ['mention', 'change'],
    );
    assert.deepEqual(
      errors.map((e) => e.path),
      [
        'entry[0].changes[0].value.media_id',
        'entry[0].changes[1].value.exits',
        'entry[0].changes[2].field',
        'entry[0].changed_fields[1]',
      ],
    );
  });

  it('reports messaging items under an object that is neither page nor instagram', () => {
    const { events, errors } = decodeWebhook({
      object: 'user',
      entry: [{ id: 'U', time: 1, messaging: [msg('m')] }],
    });
    assert.deepEqual(events, []);
    assert.equal(errors[0]?.path, 'entry[0].object');
  });

  it('emits the lists of an entry in body order (standby before messaging when it comes first)', () => {
    const { events } = decodeWebhook({
      object: 'page',
      entry: [
        { id: PAGE, time: 1, standby: [msg('s1')], messaging: [msg('m1')] },
        {
          id: PAGE,
          time: 1,
          changed_fields: ['f'],
          changes: [{ field: 'c', value: 1 }],
          messaging: [msg('m2')],
        },
      ],
    });
    assert.deepEqual(
      events.map((e) => (e.type === 'message' ? e.message.mid : e.type === 'change' ? e.field : e.type)),
      ['s1', 'm1', 'f', 'c', 'm2'],
    );
  });

  it('accepts a numeric entry id as a string', () => {
    const { events } = decodeWebhook({
      object: 'page',
      entry: [{ id: 123, time: 1, messaging: [msg('m')] }],
    });
    assert.equal(events[0]?.entryId, '123');
  });
});

describe('decodeWebhook: a 1000-event batch', () => {
  it('decodes every event completely and in body order across entries', () => {
    const entries = [];
    for (let e = 0; e < 10; e++) {
      const messaging = [];
      for (let i = 0; i < 100; i++) {
        const n = e * 100 + i;
        messaging.push(
          n % 3 === 0
            ? {
                sender: { id: `U${n % 7}` },
                recipient: { id: PAGE },
                timestamp: n,
                postback: { title: 't', payload: `${n}` },
              }
            : n % 3 === 1
              ? { sender: { id: `U${n % 7}` }, recipient: { id: PAGE }, timestamp: n, read: { watermark: n } }
              : msg(`${n}`, { timestamp: n }),
        );
      }
      entries.push({ id: PAGE, time: 1, messaging });
    }
    const { events, errors } = decodeWebhook({ object: 'page', entry: entries });
    assert.deepEqual(errors, []);
    assert.equal(events.length, 1000);
    assert.deepEqual(
      events.map((e) =>
        e.type === 'read'
          ? e.read.watermark
          : e.type === 'postback'
            ? Number(e.postback.payload)
            : Number(e.type === 'message' ? e.message.mid : -1),
      ),
      Array.from({ length: 1000 }, (_, i) => i),
    );
  });
});
