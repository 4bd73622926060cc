/**
 * conversations(): the replay engine and the flow's lifecycle, run through a Composer as the Bot runs it, with
 * a context that records its replies instead of sending them. What this proves: a flow takes the events of its
 * conversation in order, replayed steps send nothing again, state survives a new composer on the same storage,
 * idle flows time out, cancel and throwing flows end them, otherwise keeps waiting. The spec over HTTP, against
 * the emulator, is conversations.bot.spec.ts.
 */
import assert from 'node:assert/strict';
import { Context } from '../../lib/bot/context.js';
import type { Reply } from '../../lib/bot/reply.js';
import { Composer } from '../../lib/composer/index.js';
import {
  ConversationError,
  conversations,
  createConversation,
  type Conversation,
  type ConversationFlavor,
} from '../../lib/conversations/index.js';
import type { ConversationState } from '../../lib/conversations/state.js';
import type { WebhookEvent } from '../../lib/events/index.js';
import { GraphClient } from '../../lib/graph/index.js';
import {
  MemorySessionStorage,
  session,
  SessionStorageError,
  type SessionFlavor,
} from '../../lib/session/index.js';
import { ProbeStorage } from '../session/helpers.js';
import { echoEvent, postbackEvent, standbyTextEvent, textEvent } from '../bot/fixtures.js';

interface Prefs {
  last?: string;
}
type Ctx = Context & SessionFlavor<Prefs> & ConversationFlavor;

const api = new GraphClient({ accessToken: 'TOKEN', baseUrl: 'http://127.0.0.1:1', retry: false });

/** What the contexts "sent": [user, text]. */
type Sent = [string, string][];

/** A context whose replies are recorded in `sent` (the flow's replays get silent ones instead). */
function contextFor(event: WebhookEvent, sent: Sent): Ctx {
  const ctx = new Context(event, api) as Ctx;
  const user = event.type === 'message' || event.type === 'postback' ? event.sender : undefined;
  const who = user !== undefined && 'id' in user ? user.id : '?';
  const record = (text: string): Promise<{ id: string; message_id: string }> => {
    sent.push([who, text]);
    return Promise.resolve({ id: 'm', message_id: 'm' });
  };
  const reply = {
    text: record,
    quickReplies: (text: string) => record(`${text} [quick replies]`),
  } as unknown as Reply;
  Object.defineProperty(ctx, 'reply', { value: reply });
  return ctx;
}

async function order(conv: Conversation<Ctx>, ctx: Ctx): Promise<void> {
  await ctx.reply.text('Welcome!');
  const size = await conv.ask('Size?', {
    quickReplies: [{ content_type: 'text', title: 'L', payload: 'L' }],
  });
  const drink = await conv.waitFor('message:text', {
    otherwise: (c) => c.reply.text('Text please.'),
  });
  if (drink.event.message.text === 'boom') throw new Error('flow broke');
  ctx.session.last = `${size.event.message.text} ${drink.event.message.text}`;
  await drink.reply.text(`Order: ${ctx.session.last}`);
}

interface Harness {
  readonly sent: Sent;
  readonly storage: MemorySessionStorage<unknown>;
  send(event: WebhookEvent): Promise<Ctx>;
  clock: { now: number };
}

function harness(
  options: { storage?: MemorySessionStorage<unknown>; clock?: { now: number } } = {},
): Harness {
  const sent: Sent = [];
  const storage = options.storage ?? new MemorySessionStorage<unknown>();
  const clock = options.clock ?? { now: 1_000_000 };
  const composer = new Composer<Ctx>();
  composer.use(session({ initial: (): Prefs => ({}), storage: storage as MemorySessionStorage<Prefs> }));
  composer.use(conversations({ idleTimeoutMs: 60_000, now: () => clock.now }));
  composer.command('cancel', async (ctx) => {
    await ctx.conversation.exit();
    await ctx.reply.text('Cancelled.');
  });
  composer.use(createConversation(order));
  composer.command('order', (ctx) => ctx.conversation.enter('order'));
  composer.use((ctx) => ctx.reply.text('Outside the flow.'));
  return {
    sent,
    storage,
    clock,
    async send(event) {
      const ctx = contextFor(event, sent);
      await composer.middleware()(ctx, () => Promise.resolve());
      return ctx;
    },
  };
}

describe('conversations()', () => {
  it('runs a flow across events, sending each reply once (replayed steps stay silent)', async () => {
    const h = harness();
    await h.send(textEvent('u1', '/order'));
    assert.deepEqual(h.sent, [
      ['u1', 'Welcome!'],
      ['u1', 'Size? [quick replies]'],
    ]);
    await h.send(textEvent('u1', 'L'));
    const last = await h.send(textEvent('u1', 'latte'));
    assert.deepEqual(h.sent.slice(2), [['u1', 'Order: L latte']]);
    assert.equal(last.session.last, 'L latte');
    assert.equal(last.conversation.active, undefined, 'the flow ended');
    await h.send(textEvent('u1', 'hello'));
    assert.deepEqual(h.sent.at(-1), ['u1', 'Outside the flow.']);
  });

  it('calls otherwise for an event that does not match, answering that event, and keeps waiting', async () => {
    const h = harness();
    await h.send(textEvent('u1', '/order'));
    await h.send(textEvent('u1', 'L'));
    await h.send(postbackEvent('u1', 'SOMETHING'));
    assert.deepEqual(h.sent.at(-1), ['u1', 'Text please.']);
    await h.send(textEvent('u1', 'tea'));
    assert.deepEqual(h.sent.at(-1), ['u1', 'Order: L tea']);
  });

  it('asks again when the answer to ask() is of the wrong kind (the default otherwise)', async () => {
    const h = harness();
    await h.send(textEvent('u1', '/order'));
    await h.send(postbackEvent('u1', 'NOT_TEXT'));
    assert.deepEqual(h.sent.at(-1), ['u1', 'Size? [quick replies]']);
    assert.equal(h.sent.filter(([, text]) => text === 'Welcome!').length, 1);
  });

  it('lets echoes and standby events pass by a waiting flow (the echo of its own prompt does not re-ask)', async () => {
    const h = harness();
    await h.send(textEvent('u1', '/order'));
    const echo = await h.send(echoEvent('u1', 'Size?'));
    await h.send(standbyTextEvent('u1', 'for another app'));
    assert.equal(echo.conversation.active, 'order');
    assert.equal(h.sent.filter(([, text]) => text.startsWith('Size?')).length, 1);
    await h.send(textEvent('u1', 'L'));
    await h.send(textEvent('u1', 'latte'));
    assert.deepEqual(h.sent.at(-1), ['u1', 'Order: L latte']);
  });

  it("answers the live event through the flow's first context once replay is over, and says when it replays", async () => {
    const sent: Sent = [];
    const seen: boolean[] = [];
    const composer = new Composer<Ctx>();
    composer.use(session({ initial: (): Prefs => ({}) }));
    composer.use(conversations());
    composer.use(
      createConversation(async (conv: Conversation<Ctx>, ctx: Ctx) => {
        seen.push(conv.replaying);
        await ctx.reply.text('start');
        await conv.wait();
        seen.push(conv.replaying);
        await ctx.reply.text('end');
      }, 'two'),
    );
    composer.command('go', (ctx) => ctx.conversation.enter('two'));
    await composer.middleware()(contextFor(textEvent('u1', '/go'), sent), () => Promise.resolve());
    await composer.middleware()(contextFor(textEvent('u1', 'next'), sent), () => Promise.resolve());
    assert.deepEqual(sent, [
      ['u1', 'start'],
      ['u1', 'end'],
    ]);
    assert.deepEqual(seen, [false, true, false]);
  });

  it('keeps two users apart: each has its own flow and its own step', async () => {
    const h = harness();
    await h.send(textEvent('u1', '/order'));
    await h.send(textEvent('u2', 'hello'));
    await h.send(textEvent('u1', 'S'));
    await h.send(textEvent('u2', '/order'));
    await h.send(textEvent('u2', 'XL'));
    await h.send(textEvent('u1', 'mocha'));
    await h.send(textEvent('u2', 'chai'));
    assert.deepEqual(
      h.sent.filter(([, text]) => text.startsWith('Order') || text.startsWith('Outside')),
      [
        ['u2', 'Outside the flow.'],
        ['u1', 'Order: S mocha'],
        ['u2', 'Order: XL chai'],
      ],
    );
  });

  it('survives a restart: a new composer on the same storage continues the flow where it waited', async () => {
    const storage = new MemorySessionStorage<unknown>();
    const first = harness({ storage });
    await first.send(textEvent('u1', '/order'));
    await first.send(textEvent('u1', 'M'));
    const second = harness({ storage });
    await second.send(textEvent('u1', 'flat white'));
    assert.deepEqual(second.sent, [['u1', 'Order: M flat white']]);
  });

  it('stores the flow as the JSON of the events it received, under the session key + :conversation', async () => {
    const h = harness();
    await h.send(textEvent('u1', '/order'));
    await h.send(textEvent('u1', 'L'));
    const key = `${textEvent('u1', 'x').conversation}:conversation`;
    const state = h.storage.read(key) as ConversationState;
    assert.equal(state.name, 'order');
    assert.deepEqual(
      state.events.map((e) => (e.type === 'message' ? e.message.text : e.type)),
      ['/order', 'L'],
    );
    assert.equal(state.lastActive, h.clock.now);
  });

  it('leaves a flow idle for longer than idleTimeoutMs: the late event goes down the normal chain', async () => {
    const h = harness();
    await h.send(textEvent('u1', '/order'));
    h.clock.now += 60_000;
    await h.send(textEvent('u1', 'L'));
    h.clock.now += 60_001;
    const ctx = await h.send(textEvent('u1', 'latte'));
    assert.deepEqual(h.sent.at(-1), ['u1', 'Outside the flow.']);
    assert.equal(ctx.conversation.active, undefined);
    assert.equal(h.storage.size, 0, 'the stale flow was deleted');
  });

  it('lets a cancel command registered before the flow leave it', async () => {
    const h = harness();
    await h.send(textEvent('u1', '/order'));
    await h.send(textEvent('u1', '/cancel'));
    assert.deepEqual(h.sent.at(-1), ['u1', 'Cancelled.']);
    await h.send(textEvent('u1', 'L'));
    assert.deepEqual(h.sent.at(-1), ['u1', 'Outside the flow.']);
  });

  it('ends a flow whose code throws, rethrowing the error, so that it can be entered again', async () => {
    const h = harness();
    await h.send(textEvent('u1', '/order'));
    await h.send(textEvent('u1', 'L'));
    await assert.rejects(h.send(textEvent('u1', 'boom')), /flow broke/);
    await h.send(textEvent('u1', 'hello'));
    assert.deepEqual(h.sent.at(-1), ['u1', 'Outside the flow.']);
    await h.send(textEvent('u1', '/order'));
    await h.send(textEvent('u1', 'S'));
    await h.send(textEvent('u1', 'tea'));
    assert.deepEqual(h.sent.at(-1), ['u1', 'Order: S tea']);
  });

  it('refuses to enter a flow no createConversation registered before the handler', async () => {
    const composer = new Composer<Ctx>();
    composer.use(session({ initial: (): Prefs => ({}) }));
    composer.use(conversations());
    composer.use((ctx) => ctx.conversation.enter('nope'));
    await assert.rejects(
      composer.middleware()(contextFor(textEvent('u1', 'x'), []), () => Promise.resolve()) as Promise<void>,
      (e: unknown) => e instanceof ConversationError && e.conversation === 'nope',
    );
  });

  it('needs session() before it, or a storage of its own', async () => {
    const alone = new Composer<Ctx>();
    alone.use(conversations());
    await assert.rejects(
      alone.middleware()(contextFor(textEvent('u1', 'x'), []), () => Promise.resolve()) as Promise<void>,
      ConversationError,
    );
    const own = new Composer<Ctx>();
    const storage = new MemorySessionStorage<ConversationState>();
    own.use(conversations({ storage }));
    own.use(createConversation(async (conv: Conversation<Ctx>) => void (await conv.wait()), 'w'));
    own.use((ctx) => ctx.conversation.enter('w'));
    await own.middleware()(contextFor(textEvent('u1', 'x'), []), () => Promise.resolve());
    assert.equal(storage.read(textEvent('u1', 'x').conversation)?.name, 'w');
  });

  it('fails the event with a SessionStorageError when its storage fails, and drops a state it cannot replay', async () => {
    const storage = new ProbeStorage<ConversationState>(true);
    const composer = new Composer<Ctx>();
    composer.use(conversations({ storage }));
    composer.use(createConversation(async (conv: Conversation<Ctx>) => void (await conv.wait()), 'w'));
    composer.use((ctx) => ctx.conversation.enter('w'));
    const send = (text: string): Promise<void> =>
      composer.middleware()(contextFor(textEvent('u1', text), []), () => Promise.resolve()) as Promise<void>;
    storage.failNext.read = new Error('unreachable');
    await assert.rejects(
      send('a'),
      (e: unknown) => e instanceof SessionStorageError && e.operation === 'read',
    );
    storage.failNext.write = new Error('full');
    await assert.rejects(
      send('b'),
      (e: unknown) => e instanceof SessionStorageError && e.operation === 'write',
    );
    const key = textEvent('u1', 'x').conversation;
    storage.inner.write(key, { name: 'w', events: 'not a list' } as unknown as ConversationState);
    await assert.rejects(send('c'), ConversationError);
    assert.equal(storage.inner.read(key), undefined, 'the unreadable state was dropped');
    await send('d');
    assert.equal(storage.inner.read(key)?.name, 'w');
  });

  it('ends a flow that returns without taking the new event, and passes that event on', async () => {
    const sent: Sent = [];
    const composer = new Composer<Ctx>();
    composer.use(session({ initial: (): Prefs => ({}) }));
    composer.use(conversations());
    let runs = 0;
    composer.use(
      createConversation(async (conv: Conversation<Ctx>) => {
        runs += 1;
        if (runs === 1) await conv.wait(); // asks only the first time: replay takes another path
      }, 'fickle'),
    );
    composer.command('go', (ctx) => ctx.conversation.enter('fickle'));
    composer.use((ctx) => ctx.reply.text('passed on'));
    await composer.middleware()(contextFor(textEvent('u1', '/go'), sent), () => Promise.resolve());
    await composer.middleware()(contextFor(textEvent('u1', 'next'), sent), () => Promise.resolve());
    assert.deepEqual(sent, [['u1', 'passed on']]);
  });
});
