import assert from 'node:assert/strict';
import nock from 'nock';
import { GraphResponseError } from '../../lib/graph/index.js';
import { BASE, auth, makeClient, useNock } from './helpers.js';

describe('graph user profiles', () => {
  useNock();

  it('reads a Messenger profile with first_name,last_name,profile_pic by default', async () => {
    const profile = {
      first_name: 'Peter',
      last_name: 'Chang',
      profile_pic: 'https://cdn/p.jpg',
      id: 'PSID1',
    };
    const scope = nock(BASE)
      .get('/v25.0/PSID1')
      .query({ fields: 'first_name,last_name,profile_pic', ...auth() })
      .reply(200, profile);
    assert.deepEqual(await makeClient().users.messenger('PSID1'), profile);
    scope.done();
  });

  it('asks for the fields given, and accepts the empty object Meta answers without access', async () => {
    const scope = nock(BASE)
      .get('/v25.0/PSID1')
      .query({ fields: 'locale,timezone,gender', ...auth() })
      .reply(200, { locale: 'en_US', timezone: -7, gender: 'female' })
      .get('/v25.0/PSID2')
      .query({ fields: 'first_name,last_name,profile_pic', ...auth() })
      .reply(200, {});
    const client = makeClient();
    assert.deepEqual(await client.users.messenger('PSID1', { fields: ['locale', 'timezone', 'gender'] }), {
      locale: 'en_US',
      timezone: -7,
      gender: 'female',
    });
    assert.deepEqual(await client.users.messenger('PSID2'), {});
    scope.done();
  });

  it('reads an Instagram profile with every documented field, null name and picture included', async () => {
    const profile = {
      name: null,
      username: 'peter',
      profile_pic: null,
      follower_count: 1234,
      is_user_follow_business: true,
      is_business_follow_user: false,
      is_verified_user: false,
      id: 'IGSID1',
    };
    const scope = nock(BASE)
      .get('/v25.0/IGSID1')
      .query({
        fields:
          'name,username,profile_pic,follower_count,is_user_follow_business,is_business_follow_user,is_verified_user',
        ...auth(),
      })
      .reply(200, profile);
    assert.deepEqual(await makeClient().users.profile('IGSID1', 'instagram'), profile);
    scope.done();
  });

  it('rejects a profile whose fields have the wrong type with a GraphResponseError', async () => {
    const scope = nock(BASE).get('/v25.0/PSID1').query(true).reply(200, { first_name: 42 });
    const error = await makeClient()
      .users.messenger('PSID1')
      .catch((e: unknown) => e);
    assert.ok(error instanceof GraphResponseError);
    assert.match(error.message, /first_name/);
    scope.done();
  });
});
