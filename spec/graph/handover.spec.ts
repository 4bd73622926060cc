import assert from 'node:assert/strict';
import nock from 'nock';
import { GraphApiError, INBOX_APP_IDS } from '../../lib/graph/index.js';
import { BASE, auth, makeClient, useNock } from './helpers.js';

const PAGE = '1755847768034402';

describe('graph handover', () => {
  useNock();

  it('passes thread control to the Page Inbox with recipient, target_app_id and metadata', async () => {
    const scope = nock(BASE)
      .post(`/v25.0/${PAGE}/pass_thread_control`, {
        recipient: { id: 'PSID1' },
        target_app_id: '263902037430900',
        metadata: 'wants a human',
      })
      .query(auth())
      .reply(200, { success: true });
    const ok = await makeClient().handover.pass('PSID1', {
      from: PAGE,
      targetAppId: INBOX_APP_IDS.messenger,
      metadata: 'wants a human',
    });
    assert.equal(ok, true);
    scope.done();
  });

  it('passes without a target (the default app under Conversation Routing) on /me', async () => {
    const scope = nock(BASE)
      .post('/v25.0/me/pass_thread_control', { recipient: { id: 'IGSID1' } })
      .query(auth())
      .reply(200, { success: true });
    assert.equal(await makeClient().handover.pass('IGSID1'), true);
    scope.done();
  });

  it('takes control and accepts both documented answers', async () => {
    const scope = nock(BASE)
      .post(`/v25.0/${PAGE}/take_thread_control`, { recipient: { id: 'PSID1' }, metadata: 'back' })
      .query(auth())
      .reply(200, { success: true })
      .post(`/v25.0/${PAGE}/take_thread_control`, { recipient: { id: 'PSID1' } })
      .query(auth())
      .reply(200, { data: [{ thread_owner: { app_id: '42', expiration: 1760000000 } }] });
    const client = makeClient();
    assert.equal(await client.handover.take('PSID1', { from: PAGE, metadata: 'back' }), true);
    assert.equal(await client.handover.take('PSID1', { from: PAGE }), true);
    scope.done();
  });

  it('requests and releases control', async () => {
    const scope = nock(BASE)
      .post(`/v25.0/${PAGE}/request_thread_control`, { recipient: { id: 'PSID1' }, metadata: 'please' })
      .query(auth())
      .reply(200, { success: true })
      .post(`/v25.0/${PAGE}/release_thread_control`, { recipient: { id: 'PSID1' } })
      .query(auth())
      .reply(200, { success: 'true' });
    const client = makeClient();
    assert.equal(await client.handover.request('PSID1', { from: PAGE, metadata: 'please' }), true);
    assert.equal(await client.handover.release('PSID1', { from: PAGE }), true);
    scope.done();
  });

  it('extends control by a duration in seconds, refusing more than 7 days before calling', async () => {
    const scope = nock(BASE)
      .post(`/v25.0/${PAGE}/extend_thread_control`, { recipient: { id: 'PSID1' }, duration: 86400 })
      .query(auth())
      .reply(200, { success: true });
    const client = makeClient();
    assert.equal(await client.handover.extend('PSID1', 86400, { from: PAGE }), true);
    await assert.rejects(client.handover.extend('PSID1', 7 * 86400 + 1), RangeError);
    scope.done();
  });

  it('reads the thread owner, and undefined for an idle thread', async () => {
    const scope = nock(BASE)
      .get(`/v25.0/${PAGE}/thread_owner`)
      .query({ recipient: 'PSID1', ...auth() })
      .reply(200, { data: [{ thread_owner: { app_id: '263902037430900', expiration: 1760000000 } }] })
      .get(`/v25.0/${PAGE}/thread_owner`)
      .query({ recipient: 'PSID2', ...auth() })
      .reply(200, { data: [] });
    const client = makeClient();
    assert.deepEqual(await client.handover.threadOwner('PSID1', { from: PAGE }), {
      app_id: '263902037430900',
      expiration: 1760000000,
    });
    assert.equal(await client.handover.threadOwner('PSID2', { from: PAGE }), undefined);
    scope.done();
  });

  it('lists the secondary receivers with fields=id,name', async () => {
    const data = [{ id: '12345', name: "David's Composer" }];
    const scope = nock(BASE)
      .get(`/v25.0/${PAGE}/secondary_receivers`)
      .query({ fields: 'id,name', ...auth() })
      .reply(200, { data });
    assert.deepEqual(await makeClient().handover.secondaryReceivers({ from: PAGE }), data);
    scope.done();
  });

  it("surfaces Meta's refusal to send while another app controls the thread (10 / 2018300)", async () => {
    const scope = nock(BASE)
      .post('/v25.0/me/take_thread_control')
      .query(auth())
      .reply(400, {
        error: {
          message: '(#10) Message failed to send because another app is controlling this thread now.',
          code: 10,
          error_subcode: 2018300,
        },
      });
    const error = await makeClient()
      .handover.take('PSID1')
      .catch((e: unknown) => e);
    assert.ok(error instanceof GraphApiError);
    assert.equal(error.code, 10);
    assert.equal(error.subcode, 2018300);
    scope.done();
  });
});
