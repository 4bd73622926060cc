import assert from 'node:assert/strict';
import nock from 'nock';
import { BASE, auth, makeClient, useNock } from './helpers.js';

describe('graph messenger profile', () => {
  useNock();

  it('gets properties with GET ?fields= and returns the first data item', async () => {
    const scope = nock(BASE)
      .get('/v25.0/me/messenger_profile')
      .query({ fields: 'get_started,greeting', ...auth() })
      .reply(200, {
        data: [
          {
            get_started: { payload: 'START' },
            greeting: [{ locale: 'default', text: 'Hi {{user_first_name}}' }],
          },
        ],
      })
      .get('/v25.0/me/messenger_profile')
      .query({ fields: 'commands', ...auth() })
      .reply(200, { data: [] });
    const client = makeClient();
    const profile = await client.profile.get(['get_started', 'greeting']);
    assert.equal(profile.get_started?.payload, 'START');
    assert.deepEqual(await client.profile.get(['commands']), {});
    scope.done();
  });

  it('sets get_started, greeting, persistent_menu, ice_breakers and commands with a JSON POST', async () => {
    const properties = {
      get_started: { payload: 'START' },
      greeting: [{ locale: 'default', text: 'Hello!' }],
      persistent_menu: [
        {
          locale: 'default',
          composer_input_disabled: false,
          call_to_actions: [{ type: 'postback' as const, title: 'Help', payload: 'HELP' }],
        },
      ],
      ice_breakers: [{ locale: 'default', call_to_actions: [{ question: 'Hours?', payload: 'HOURS' }] }],
      commands: [{ locale: 'default', commands: [{ name: 'help', description: 'Get help' }] }],
    };
    const scope = nock(BASE, { reqheaders: { 'content-type': 'application/json' } })
      .post('/v25.0/4242/messenger_profile', properties)
      .query(auth())
      .reply(200, { result: 'success' });
    assert.equal(await makeClient().profile.set(properties, { from: '4242' }), true);
    scope.done();
  });

  it('deletes properties with DELETE and a JSON body { fields }', async () => {
    const scope = nock(BASE)
      .delete('/v25.0/me/messenger_profile', { fields: ['persistent_menu', 'get_started'] })
      .query(auth())
      .reply(200, { result: 'success' });
    assert.equal(await makeClient().profile.delete(['persistent_menu', 'get_started']), true);
    scope.done();
  });

  it('adds platform=instagram for Instagram ice breakers', async () => {
    const iceBreakers = [{ call_to_actions: [{ question: 'Price?', payload: 'PRICE' }] }];
    const scope = nock(BASE)
      .get('/v25.0/me/messenger_profile')
      .query({ fields: 'ice_breakers', platform: 'instagram', ...auth() })
      .reply(200, { data: [{ ice_breakers: iceBreakers }] })
      .post('/v25.0/me/messenger_profile', { platform: 'instagram', ice_breakers: iceBreakers })
      .query(auth())
      .reply(200, { success: true })
      .delete('/v25.0/me/messenger_profile', { fields: ['ice_breakers'], platform: 'instagram' })
      .query(auth())
      .reply(200, { success: true });
    const client = makeClient();
    const got = await client.profile.get(['ice_breakers'], { platform: 'instagram' });
    assert.deepEqual(got.ice_breakers, iceBreakers);
    await client.profile.set({ ice_breakers: iceBreakers }, { platform: 'instagram' });
    await client.profile.delete(['ice_breakers'], { platform: 'instagram' });
    scope.done();
  });
});
