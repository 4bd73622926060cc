import assert from 'node:assert/strict';
import nock from 'nock';
import { GraphClient } from '../../lib/graph/index.js';
import { APP_TOKEN, BASE, auth, makeClient, useNock } from './helpers.js';

const APP = '1234567890';
const PAGE = '1755847768034402';

describe('graph subscriptions', () => {
  useNock();

  it('lists the app subscriptions with the app access token', async () => {
    const data = [
      {
        object: 'page',
        callback_url: 'https://bot/webhook',
        active: true,
        fields: [{ name: 'messages', version: 'v25.0' }],
      },
    ];
    const scope = nock(BASE).get(`/v25.0/${APP}/subscriptions`).query(auth(APP_TOKEN)).reply(200, { data });
    assert.deepEqual(await makeClient().subscriptions.list(APP), data);
    scope.done();
  });

  it('accepts fields as the reference types them (string[]) as well as live ({ name, version }[])', async () => {
    const scope = nock(BASE)
      .get(`/v25.0/${APP}/subscriptions`)
      .query(auth(APP_TOKEN))
      .reply(200, {
        data: [
          { object: 'page', active: true, fields: ['messages', 'messaging_postbacks'] },
          { object: 'user', fields: [{ name: 'photos', version: 'v2.10' }, 'email'] },
        ],
      });
    assert.deepEqual(await makeClient().subscriptions.list(APP), [
      { object: 'page', active: true, fields: [{ name: 'messages' }, { name: 'messaging_postbacks' }] },
      { object: 'user', fields: [{ name: 'photos', version: 'v2.10' }, { name: 'email' }] },
    ]);
    scope.done();
  });

  it('subscribes with object, callback_url, comma-joined fields, include_values and verify_token', async () => {
    const scope = nock(BASE)
      .post(`/v25.0/${APP}/subscriptions`)
      .query({
        object: 'page',
        callback_url: 'http://example.com/callback/',
        fields: 'messages,messaging_postbacks',
        include_values: 'true',
        verify_token: 'thisisaverifystring',
        ...auth(APP_TOKEN),
      })
      .reply(200, { success: 'true' });
    const ok = await makeClient().subscriptions.subscribe(APP, {
      object: 'page',
      callbackUrl: 'http://example.com/callback/',
      fields: ['messages', 'messaging_postbacks'],
      includeValues: true,
      verifyToken: 'thisisaverifystring',
    });
    assert.equal(ok, true);
    scope.done();
  });

  it('deletes all subscriptions, one object, or some fields of an object', async () => {
    const scope = nock(BASE)
      .delete(`/v25.0/${APP}/subscriptions`)
      .query(auth(APP_TOKEN))
      .reply(200, { success: true })
      .delete(`/v25.0/${APP}/subscriptions`)
      .query({ object: 'page', ...auth(APP_TOKEN) })
      .reply(200, { success: true })
      .delete(`/v25.0/${APP}/subscriptions`)
      .query({ object: 'page', fields: 'feed,mention', ...auth(APP_TOKEN) })
      .reply(200, { success: 'true' });
    const client = makeClient();
    assert.equal(await client.subscriptions.unsubscribe(APP), true);
    assert.equal(await client.subscriptions.unsubscribe(APP, { object: 'page' }), true);
    assert.equal(
      await client.subscriptions.unsubscribe(APP, { object: 'page', fields: ['feed', 'mention'] }),
      true,
    );
    scope.done();
    await assert.rejects(client.subscriptions.unsubscribe(APP, { fields: ['feed'] }), TypeError);
  });

  it('uses a per-call app token and refuses to call without any app token', async () => {
    const scope = nock(BASE)
      .get(`/v25.0/${APP}/subscriptions`)
      .query(auth('other|token'))
      .reply(200, { data: [] });
    await makeClient().subscriptions.list(APP, { accessToken: 'other|token' });
    scope.done();
    const noAppToken = new GraphClient({ accessToken: 'page-token' });
    await assert.rejects(noAppToken.subscriptions.list(APP), /No app access token/);
  });

  it('lists, subscribes and unsubscribes a page with its page token', async () => {
    const apps = [
      { category: 'Business', link: 'https://x', name: 'Bot', id: APP, subscribed_fields: ['messages'] },
    ];
    const scope = nock(BASE)
      .get(`/v25.0/${PAGE}/subscribed_apps`)
      .query(auth())
      .reply(200, { data: apps })
      .post(`/v25.0/${PAGE}/subscribed_apps`)
      .query({ subscribed_fields: 'messages,messaging_postbacks', ...auth() })
      .reply(200, { success: true })
      .delete(`/v25.0/${PAGE}/subscribed_apps`)
      .query(auth())
      .reply(200, { success: true });
    const client = makeClient();
    assert.deepEqual(await client.subscriptions.listPage(PAGE), apps);
    assert.equal(await client.subscriptions.subscribePage(PAGE, ['messages', 'messaging_postbacks']), true);
    assert.equal(await client.subscriptions.unsubscribePage(PAGE), true);
    scope.done();
  });

  it('asks a token resolver for the page token by page id', async () => {
    const client = makeClient({ accessToken: (id) => `tok-${id}` });
    const scope = nock(BASE)
      .get(`/v25.0/${PAGE}/subscribed_apps`)
      .query(auth(`tok-${PAGE}`))
      .reply(200, { data: [] });
    assert.deepEqual(await client.subscriptions.listPage(PAGE), []);
    scope.done();
  });
});
