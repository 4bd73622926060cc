import assert from 'node:assert/strict';
import nock from 'nock';
import { GraphApiError } from '../../lib/graph/index.js';
import type { GraphUsage } from '../../lib/graph/index.js';
import { BASE, PAGE_TOKEN, makeClient, useNock } from './helpers.js';

const SEND_OK = { recipient_id: '1', message_id: 'm_1' };

describe('graph usage headers (onUsage)', () => {
  useNock();

  it('reports app, page and business use case usage of every answer, with the highest percentage', async () => {
    const business = { '42': [{ type: 'messenger', call_count: 12, total_cputime: 91, total_time: 30 }] };
    nock(BASE)
      .post('/v25.0/me/messages')
      .query(true)
      .reply(200, SEND_OK, {
        'X-App-Usage': JSON.stringify({ call_count: 28, total_time: 25, total_cputime: 25 }),
        'X-Page-Usage': JSON.stringify({ call_count: 40, total_time: 2, total_cputime: 3 }),
        'X-Business-Use-Case-Usage': JSON.stringify(business),
      });
    const seen: GraphUsage[] = [];
    await makeClient({ onUsage: (usage) => seen.push(usage) }).send.text('1', 'hi');
    assert.deepEqual(seen, [
      {
        method: 'POST',
        path: 'me/messages',
        status: 200,
        app: { call_count: 28, total_time: 25, total_cputime: 25 },
        page: { call_count: 40, total_time: 2, total_cputime: 3 },
        businessUseCase: business,
        highestPercent: 91,
      },
    ]);
    assert.ok(!JSON.stringify(seen).includes(PAGE_TOKEN));
  });

  it('reports the usage of a throttled answer too, before the error reaches the caller', async () => {
    nock(BASE)
      .get('/v25.0/me')
      .query(true)
      .reply(
        400,
        { error: { message: 'too many calls', code: 4 } },
        {
          'X-App-Usage': JSON.stringify({ call_count: 100, total_time: 40, total_cputime: 40 }),
        },
      );
    const seen: GraphUsage[] = [];
    await assert.rejects(
      makeClient({ retry: false, onUsage: (usage) => seen.push(usage) }).request({
        method: 'GET',
        path: 'me',
      }),
      GraphApiError,
    );
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.status, 400);
    assert.equal(seen[0]?.highestPercent, 100);
  });

  it('stays quiet for answers without usage headers and leaves out headers that do not decode', async () => {
    nock(BASE)
      .post('/v25.0/me/messages')
      .query(true)
      .reply(200, SEND_OK)
      .post('/v25.0/me/messages')
      .query(true)
      .reply(200, SEND_OK, {
        'X-App-Usage': 'not json',
        'X-Page-Usage': JSON.stringify({ call_count: 'many' }),
        'X-Business-Use-Case-Usage': JSON.stringify({ '42': [{ type: 'pages', call_count: 7 }] }),
      });
    const seen: GraphUsage[] = [];
    const client = makeClient({ onUsage: (usage) => seen.push(usage) });
    await client.send.text('1', 'one');
    assert.deepEqual(seen, []);
    await client.send.text('1', 'two');
    assert.deepEqual(seen, [
      {
        method: 'POST',
        path: 'me/messages',
        status: 200,
        businessUseCase: { '42': [{ type: 'pages', call_count: 7 }] },
        highestPercent: 7,
      },
    ]);
  });

  it('still resolves the call when the listener throws', async () => {
    nock(BASE)
      .post('/v25.0/me/messages')
      .query(true)
      .reply(200, SEND_OK, { 'X-App-Usage': JSON.stringify({ call_count: 1 }) });
    const client = makeClient({
      onUsage: () => {
        throw new Error('listener bug');
      },
    });
    assert.deepEqual(await client.send.text('1', 'hi'), SEND_OK);
  });
});
