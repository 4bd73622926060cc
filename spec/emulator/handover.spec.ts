import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { PAGE_INBOX_APP_ID, type Emulator } from '../../lib/emulator/index.js';
import { GraphApiError, GraphClient, INBOX_APP_IDS } from '../../lib/graph/index.js';
import { type Sink, useConnectedEmulator } from './helpers.js';

type Json = Record<string, unknown>;

/** The first messaging or standby item of the i-th webhook the sink got, and which list it came in. */
function itemOf(sink: Sink, i: number): { list: 'messaging' | 'standby'; item: Json } {
  const body = sink.received[i]?.body as { entry: Json[] };
  const entry = body.entry[0] as Json;
  const list = entry['standby'] !== undefined ? 'standby' : 'messaging';
  return { list, item: (entry[list] as Json[])[0] as Json };
}

/** Waits until the sink received `n` webhooks (webhooks a Graph call causes go out after its answer). */
async function received(sink: Sink, n: number): Promise<void> {
  while (sink.received.length < n) await delay(5);
}

describe('emulator handover, user profiles and personas', () => {
  let emulator: Emulator;
  let sink: Sink;
  let api: GraphClient;
  useConnectedEmulator((connected) => {
    ({ emulator, sink } = connected);
    api = new GraphClient({ accessToken: emulator.config.accessToken, baseUrl: emulator.url, retry: false });
  });

  it('passes a thread to the Page Inbox: sends are refused (10/2018300) and the user is in standby until it comes back', async () => {
    const user = emulator.user('4242');
    assert.equal((await api.handover.threadOwner('4242'))?.app_id, emulator.config.appId);
    assert.equal(
      await api.handover.pass('4242', { targetAppId: INBOX_APP_IDS.messenger, metadata: 'human' }),
      true,
    );
    assert.equal(emulator.handover.owner('4242'), PAGE_INBOX_APP_ID);
    assert.equal((await api.handover.threadOwner('4242'))?.app_id, PAGE_INBOX_APP_ID);

    const refused = await api.send.text('4242', 'still there?').catch((e: unknown) => e);
    assert.ok(refused instanceof GraphApiError);
    assert.equal(refused.code, 10);
    assert.equal(refused.subcode, 2018300);

    await user.say('hello human');
    assert.equal(itemOf(sink, 0).list, 'standby');

    await emulator.handover.passToBot('4242', { metadata: 'done' });
    const back = itemOf(sink, 1);
    assert.equal(back.list, 'messaging');
    assert.deepEqual(back.item['pass_thread_control'], {
      previous_owner_app_id: PAGE_INBOX_APP_ID,
      new_owner_app_id: emulator.config.appId,
      metadata: 'done',
    });
    await user.say('hi bot');
    assert.equal(itemOf(sink, 2).list, 'messaging');
    assert.ok((await api.send.text('4242', 'welcome back')).message_id);
  });

  it('takes control back, and the inbox taking it sends take_thread_control', async () => {
    await emulator.handover.takeFromBot('7', { metadata: 'agent' });
    assert.deepEqual(itemOf(sink, 0).item['take_thread_control'], {
      previous_owner_app_id: emulator.config.appId,
      new_owner_app_id: PAGE_INBOX_APP_ID,
      metadata: 'agent',
    });
    const refused = await api.handover.extend('7', 3600).catch((e: unknown) => e);
    assert.ok(refused instanceof GraphApiError);
    assert.equal(refused.subcode, 2018300);
    assert.equal(await api.handover.take('7'), true);
    assert.equal(emulator.handover.owner('7'), emulator.config.appId);
    assert.equal(await api.handover.extend('7', 3600), true);
  });

  it('releases to idle (empty thread_owner); a request on an idle thread gives control and a pass_thread_control webhook', async () => {
    assert.equal(await api.handover.release('9'), true);
    assert.equal(await api.handover.threadOwner('9'), undefined);
    assert.equal(await api.handover.request('9', { metadata: 'mine' }), true);
    await received(sink, 1);
    assert.deepEqual(itemOf(sink, 0).item['pass_thread_control'], {
      previous_owner_app_id: null,
      new_owner_app_id: emulator.config.appId,
      metadata: 'mine',
    });
    assert.equal(emulator.handover.owner('9'), emulator.config.appId);
  });

  it('delivers request_thread_control from another app, and lists the inbox as secondary receiver', async () => {
    await emulator.handover.requestFromBot('11', { metadata: 'please' });
    assert.deepEqual(itemOf(sink, 0).item['request_thread_control'], {
      requested_owner_app_id: PAGE_INBOX_APP_ID,
      metadata: 'please',
    });
    assert.deepEqual(await api.handover.secondaryReceivers(), [
      { id: PAGE_INBOX_APP_ID, name: 'Page Inbox' },
    ]);
  });

  it('answers user profiles: Messenger and Instagram, seeded or made from the id, unknown fields refused', async () => {
    emulator.user('4242', { profile: { first_name: 'Ana', last_name: 'Silva' } });
    emulator.user('555', { platform: 'instagram', profile: { username: 'ana.ig', follower_count: 12 } });
    const messenger = await api.users.messenger('4242');
    assert.equal(messenger.first_name, 'Ana');
    assert.equal(messenger.last_name, 'Silva');
    assert.equal(typeof messenger.profile_pic, 'string');
    const instagram = await api.users.instagram('555');
    assert.equal(instagram.username, 'ana.ig');
    assert.equal(instagram.follower_count, 12);
    assert.equal(instagram.is_verified_user, false);
    const refused = await api.users.messenger('555', { fields: ['first_name'] }).catch((e: unknown) => e);
    assert.ok(refused instanceof GraphApiError);
    assert.equal(refused.code, 100);
  });

  it('creates, lists, gets and deletes personas, and records persona_id on sends', async () => {
    const id = await api.personas.create({ name: 'Ana', profilePictureUrl: 'https://example.com/a.png' });
    assert.deepEqual((await api.personas.list()).data, [
      { name: 'Ana', profile_picture_url: 'https://example.com/a.png', id },
    ]);
    assert.equal((await api.personas.get(id)).name, 'Ana');
    emulator.user('4242');
    await api.send.text('4242', 'Ana here', { personaId: id });
    assert.equal((await emulator.nextMessage()).body['persona_id'], id);
    assert.equal(await api.personas.delete(id), true);
    assert.deepEqual((await api.personas.list()).data, []);
    await assert.rejects(api.personas.get(id), GraphApiError);
  });
});
