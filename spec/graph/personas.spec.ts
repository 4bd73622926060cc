import assert from 'node:assert/strict';
import nock from 'nock';
import { BASE, auth, makeClient, useNock } from './helpers.js';

const PAGE = '1755847768034402';
const PICTURE = 'https://example.com/ana.png';
const BUTTON = { type: 'postback' as const, title: 'Yes', payload: 'YES' };

describe('graph personas', () => {
  useNock();

  it('creates a persona with name and profile_picture_url, resolving its id', async () => {
    const scope = nock(BASE)
      .post(`/v25.0/${PAGE}/personas`, { name: 'Ana', profile_picture_url: PICTURE })
      .query(auth())
      .reply(200, { id: '2222' });
    assert.equal(
      await makeClient().personas.create({ name: 'Ana', profilePictureUrl: PICTURE }, { from: PAGE }),
      '2222',
    );
    scope.done();
  });

  it('refuses a name over 50 characters before calling', async () => {
    await assert.rejects(
      makeClient().personas.create({ name: 'x'.repeat(51), profilePictureUrl: PICTURE }),
      RangeError,
    );
  });

  it('counts the name in characters (code points), so 50 emoji are not 100', async () => {
    const name = '😀'.repeat(50);
    const scope = nock(BASE)
      .post('/v25.0/me/personas', { name, profile_picture_url: PICTURE })
      .query(auth())
      .reply(200, { id: '3333' });
    assert.equal(await makeClient().personas.create({ name, profilePictureUrl: PICTURE }), '3333');
    scope.done();
    await assert.rejects(
      makeClient().personas.create({ name: `${name}😀`, profilePictureUrl: PICTURE }),
      RangeError,
    );
  });

  it('gets, lists with cursors and deletes', async () => {
    const persona = { name: 'Ana', profile_picture_url: PICTURE, id: '2222' };
    const page = { data: [persona], paging: { cursors: { before: 'b', after: 'a' } } };
    const scope = nock(BASE)
      .get('/v25.0/2222')
      .query({ fields: 'name,profile_picture_url,id', ...auth() })
      .reply(200, persona)
      .get('/v25.0/me/personas')
      .query({ limit: '10', after: 'x', ...auth() })
      .reply(200, page)
      .delete('/v25.0/2222')
      .query(auth())
      .reply(200, { success: true });
    const client = makeClient();
    assert.deepEqual(await client.personas.get('2222'), persona);
    assert.deepEqual(await client.personas.list({ limit: 10, after: 'x' }), page);
    assert.equal(await client.personas.delete('2222'), true);
    scope.done();
  });

  it('sends as a persona: persona_id beside recipient and message, and on typing indicators', async () => {
    const scope = nock(BASE)
      .post('/v25.0/me/messages', {
        recipient: { id: 'PSID1' },
        messaging_type: 'RESPONSE',
        persona_id: '2222',
        message: { text: 'Hi, Ana here' },
      })
      .query(auth())
      .reply(200, { recipient_id: 'PSID1', message_id: 'm_1' })
      .post('/v25.0/me/messages', {
        recipient: { id: 'PSID1' },
        sender_action: 'typing_on',
        persona_id: '2222',
      })
      .query(auth())
      .reply(200, { recipient_id: 'PSID1' })
      .post('/v25.0/me/messages', {
        recipient: { id: 'PSID1' },
        messaging_type: 'RESPONSE',
        persona_id: '2222',
        message: {
          attachment: {
            type: 'template',
            payload: { template_type: 'button', text: 'Pick', buttons: [BUTTON] },
          },
        },
      })
      .query(auth())
      .reply(200, { recipient_id: 'PSID1', message_id: 'm_2' });
    const client = makeClient();
    await client.send.text('PSID1', 'Hi, Ana here', { personaId: '2222' });
    await client.send.senderAction('PSID1', 'typing_on', { personaId: '2222' });
    await client.send.buttonTemplate('PSID1', 'Pick', [BUTTON], { personaId: '2222' });
    scope.done();
  });
});
