import assert from 'node:assert/strict';
import util from 'node:util';
import * as t from 'io-ts';
import nock from 'nock';
import { GraphClient, GraphResponseError, appSecretProof } from '../../lib/graph/index.js';
import { graphUrl } from '../../lib/graph/core/request.js';
import { APP_SECRET, APP_TOKEN, BASE, PAGE_TOKEN, auth, makeClient, proofOf, useNock } from './helpers.js';

describe('graph core: request()', () => {
  useNock();

  it('computes appsecret_proof as the HMAC-SHA256 of the token keyed with the app secret', () => {
    assert.equal(appSecretProof(PAGE_TOKEN, APP_SECRET), proofOf(PAGE_TOKEN));
    assert.match(appSecretProof('a', 'b'), /^[0-9a-f]{64}$/);
  });

  it('builds baseUrl/version/path and sends the token and appsecret_proof in the query of a GET', async () => {
    const scope = nock(BASE)
      .get('/v25.0/12345')
      .query({ fields: 'name,id', ...auth() })
      .reply(200, { id: '12345', name: 'Page' });
    const client = makeClient();
    const body = await client.request({ method: 'GET', path: '/12345', query: { fields: ['name', 'id'] } });
    assert.deepEqual(body, { id: '12345', name: 'Page' });
    scope.done();
  });

  it('uses a configured base URL and version, tolerating a trailing slash', async () => {
    const scope = nock('http://emulator.test:9999').get('/v99.0/me').query(auth()).reply(200, { id: '1' });
    const client = makeClient({ baseUrl: 'http://emulator.test:9999/', version: 'v99.0' });
    await client.request({ method: 'GET', path: 'me' });
    scope.done();
    assert.equal(graphUrl('http://h/', '', '/me/messages'), 'http://h/me/messages');
  });

  it('sends a POST body as JSON with the token in the query', async () => {
    const scope = nock(BASE, { reqheaders: { 'content-type': 'application/json' } })
      .post('/v25.0/me/messages', { recipient: { id: '1' }, message: { text: 'hi' } })
      .query(auth())
      .reply(200, { recipient_id: '1', message_id: 'm1' });
    await makeClient().request({
      method: 'POST',
      path: 'me/messages',
      body: { recipient: { id: '1' }, message: { text: 'hi' } },
    });
    scope.done();
  });

  it('omits appsecret_proof when no app secret is configured, and leaves undefined query values out', async () => {
    const scope = nock(BASE).delete('/v25.0/me/x').query({ access_token: PAGE_TOKEN, a: '1' }).reply(200, {});
    await new GraphClient({ accessToken: PAGE_TOKEN }).request({
      method: 'DELETE',
      path: 'me/x',
      query: { a: 1, b: undefined },
    });
    scope.done();
  });

  it('can send the token as an Authorization: Bearer header instead of the query', async () => {
    const scope = nock(BASE, { reqheaders: { authorization: `Bearer ${PAGE_TOKEN}` } })
      .get('/v25.0/me')
      .query({ appsecret_proof: proofOf(PAGE_TOKEN) })
      .reply(200, {});
    await makeClient({ tokenPlacement: 'header' }).request({ method: 'GET', path: 'me' });
    scope.done();
  });

  it('asks a token resolver for the account in the path (or accountId) and proves the token it returns', async () => {
    const asked: string[] = [];
    const client = makeClient({
      accessToken: async (accountId) => {
        asked.push(accountId);
        return `token-for-${accountId}`;
      },
    });
    const scope = nock(BASE)
      .get('/v25.0/777/subscribed_apps')
      .query(auth('token-for-777'))
      .reply(200, { data: [] })
      .get('/v25.0/999/replies')
      .query(auth('token-for-555'))
      .reply(200, {})
      .get('/v25.0/me')
      .query(auth('token-for-me'))
      .reply(200, {});
    await client.request({ method: 'GET', path: '777/subscribed_apps' });
    await client.request({ method: 'GET', path: '999/replies', accountId: '555' });
    await client.request({ method: 'GET', path: 'me' });
    assert.deepEqual(asked, ['777', '555', 'me']);
    scope.done();
  });

  it('prefers a per-call access token over the configured one', async () => {
    const scope = nock(BASE).get('/v25.0/me').query(auth('override-token')).reply(200, {});
    await makeClient().request({ method: 'GET', path: 'me', accessToken: 'override-token' });
    scope.done();
  });

  it('decodes the success body with the given io-ts codec', async () => {
    nock(BASE).get('/v25.0/me').query(true).reply(200, { id: '42', extra: true });
    const result = await makeClient().request({ method: 'GET', path: 'me', codec: t.type({ id: t.string }) });
    assert.equal(result.id, '42');
  });

  it('rejects a success body of the wrong shape with a GraphResponseError naming the field', async () => {
    nock(BASE).get('/v25.0/me').query(true).reply(200, { id: 42 });
    const error = await makeClient()
      .request({ method: 'GET', path: 'me', codec: t.type({ id: t.string }) })
      .then(
        () => assert.fail('should reject'),
        (e: unknown) => e,
      );
    assert.ok(error instanceof GraphResponseError);
    assert.equal(error.retryable, false);
    assert.deepEqual(error.issues, ['id: expected string, got number']);
    assert.match(error.message, /GET me .*id: expected string, got number/);
  });

  it('refuses a path that carries a query string, so tokens cannot slip into paths', async () => {
    await assert.rejects(makeClient().request({ method: 'GET', path: 'me?access_token=x' }), TypeError);
  });

  it('keeps tokens and the app secret out of util.inspect and JSON of the client', () => {
    const client = makeClient();
    const shown = util.inspect(client, { depth: 10, showHidden: true }) + JSON.stringify(client);
    for (const secret of [PAGE_TOKEN, APP_SECRET, APP_TOKEN]) assert.ok(!shown.includes(secret), shown);
  });
});
