/**
 * session(): what it reads and writes and when (counted at the storage), what a handler sees, and what a failing
 * storage does to the event. The chain runs through a Composer exactly as the Bot runs it; the spec of the bot
 * over HTTP is in session.bot.spec.ts.
 */
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type { Context } from '../../lib/bot/context.js';
import { Composer } from '../../lib/composer/index.js';
import type { WebhookEvent } from '../../lib/events/index.js';
import {
  MemorySessionStorage,
  session,
  SessionStorageError,
  type SessionFlavor,
} from '../../lib/session/index.js';
import { SessionKeyError } from '../../lib/session/errors.js';
import { changeEvent, textEvent } from '../bot/fixtures.js';
import { contextOf } from '../composer/helpers.js';
import { ProbeStorage } from './helpers.js';

interface Counter {
  count: number;
  note?: string;
}
type Ctx = Context & SessionFlavor<Counter>;

/** Runs the composer's chain for one event and returns its context. */
async function run(composer: Composer<Ctx>, event: WebhookEvent): Promise<Ctx> {
  const ctx = contextOf(event) as Ctx;
  await composer.middleware()(ctx, () => Promise.resolve());
  return ctx;
}

function counterBot(storage: ProbeStorage<Counter>, lazy?: boolean): Composer<Ctx> {
  const composer = new Composer<Ctx>();
  composer.use(session({ initial: () => ({ count: 0 }), storage, ...(lazy === undefined ? {} : { lazy }) }));
  composer.hears('count', (ctx) => {
    ctx.session.count += 1;
  });
  composer.hears('peek', (ctx) => {
    void ctx.session.count;
    void ctx.session.count;
  });
  // On the unfiltered context: `ctx.session = undefined` needs the setter's type, which Filter<C, Q> flattens.
  composer.use((ctx, next) => {
    if (ctx.event.type !== 'message' || ctx.event.message.text !== 'forget') return next();
    ctx.session = undefined;
    return undefined;
  });
  composer.hears('same', (ctx) => {
    ctx.session.count = ctx.session.count + 0;
  });
  return composer;
}

describe('session()', () => {
  it('reads nothing and writes nothing when the chain never touches ctx.session', async () => {
    const storage = new ProbeStorage<Counter>();
    await run(counterBot(storage, true), textEvent('u1', 'something else'));
    assert.deepEqual(storage.calls, { read: 0, write: 0, delete: 0 });
  });

  it('is lazy by default on a MemorySessionStorage', async () => {
    const memory = new MemorySessionStorage<Counter>();
    let reads = 0;
    const read = memory.read.bind(memory);
    memory.read = (key) => {
      reads += 1;
      return read(key);
    };
    const composer = new Composer<Ctx>();
    composer.use(session({ initial: () => ({ count: 0 }), storage: memory }));
    composer.hears('count', (ctx) => void (ctx.session.count += 1));
    await run(composer, textEvent('u1', 'hello'));
    assert.equal(reads, 0);
    await run(composer, textEvent('u1', 'count'));
    assert.equal(reads, 1);
    assert.deepEqual(memory.read(textEvent('u1', 'x').conversation), { count: 1 });
  });

  it('reads once per event however often it is touched, and writes nothing when the value did not change', async () => {
    const storage = new ProbeStorage<Counter>();
    const composer = counterBot(storage, true);
    await run(composer, textEvent('u1', 'peek'));
    assert.deepEqual(storage.calls, { read: 1, write: 0, delete: 0 });
    await run(composer, textEvent('u1', 'count'));
    await run(composer, textEvent('u1', 'same'));
    assert.deepEqual(storage.calls, { read: 3, write: 1, delete: 0 });
  });

  it('writes a changed value back, and the next event of the conversation reads it', async () => {
    const storage = new ProbeStorage<Counter>();
    const composer = counterBot(storage, true);
    for (let i = 0; i < 3; i++) await run(composer, textEvent('u1', 'count'));
    const ctx = await run(composer, textEvent('u1', 'peek'));
    assert.equal(ctx.session.count, 3);
    assert.equal(storage.calls.write, 3);
  });

  it('keeps one session per conversation by default: users never share one', async () => {
    const storage = new ProbeStorage<Counter>();
    const composer = counterBot(storage, true);
    await run(composer, textEvent('u1', 'count'));
    await run(composer, textEvent('u1', 'count'));
    await run(composer, textEvent('u2', 'count'));
    assert.deepEqual(storage.inner.read(textEvent('u1', 'x').conversation), { count: 2 });
    assert.deepEqual(storage.inner.read(textEvent('u2', 'x').conversation), { count: 1 });
  });

  it('deletes the session when it is set to undefined, and starts again from initial', async () => {
    const storage = new ProbeStorage<Counter>();
    const composer = counterBot(storage, true);
    await run(composer, textEvent('u1', 'count'));
    await run(composer, textEvent('u1', 'forget'));
    assert.equal(storage.calls.delete, 1);
    assert.equal(storage.calls.read, 1, 'assigning needs no read');
    assert.equal(storage.inner.size, 0);
    assert.equal((await run(composer, textEvent('u1', 'peek'))).session.count, 0);
  });

  it('writes nothing when the chain fails (as a rolled-back transaction)', async () => {
    const storage = new ProbeStorage<Counter>();
    const composer = new Composer<Ctx>();
    composer.use(session({ initial: () => ({ count: 0 }), storage, lazy: true }));
    composer.use((ctx) => {
      ctx.session.count = 5;
      throw new Error('boom');
    });
    await assert.rejects(run(composer, textEvent('u1', 'hi')), /boom/);
    assert.equal(storage.calls.write, 0);
  });

  it('reads an asynchronous storage before the chain, and writes back after it', async () => {
    const storage = new ProbeStorage<Counter>(true);
    const composer = counterBot(storage);
    await run(composer, textEvent('u1', 'count'));
    await run(composer, textEvent('u1', 'count'));
    assert.deepEqual(storage.calls, { read: 2, write: 2, delete: 0 });
    assert.deepEqual(storage.inner.read(textEvent('u1', 'x').conversation), { count: 2 });
  });

  it('fails the event before any handler runs when an asynchronous read fails', async () => {
    const storage = new ProbeStorage<Counter>(true);
    storage.inner.write(textEvent('u1', 'x').conversation, { count: 7 });
    storage.failNext.read = new Error('connection reset');
    let handled = false;
    const composer = new Composer<Ctx>();
    composer.use(session({ initial: () => ({ count: 0 }), storage }));
    composer.use(() => void (handled = true));
    const error = await run(composer, textEvent('u1', 'count')).then(
      () => assert.fail('the event should fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof SessionStorageError);
    assert.equal(error.operation, 'read');
    assert.equal(error.key, textEvent('u1', 'x').conversation);
    assert.match(error.message, /connection reset/);
    assert.equal(handled, false, 'no handler ran on a made-up empty session');
    assert.deepEqual(
      storage.inner.read(textEvent('u1', 'x').conversation),
      { count: 7 },
      'nothing overwritten',
    );
  });

  it('fails the event at the first touch when a lazy read fails, and writes nothing', async () => {
    const storage = new ProbeStorage<Counter>();
    storage.failNext.read = new Error('disk gone');
    const composer = counterBot(storage, true);
    await assert.rejects(
      run(composer, textEvent('u1', 'count')),
      (e: unknown) => e instanceof SessionStorageError && e.operation === 'read',
    );
    assert.equal(storage.calls.write, 0);
  });

  it('reports a failed write with the key and the unsaved value, which stays out of the message and inspect()', async () => {
    const storage = new ProbeStorage<Counter>();
    storage.failNext.write = new Error('quota exceeded');
    const composer = new Composer<Ctx>();
    composer.use(session({ initial: () => ({ count: 0 }), storage, lazy: true }));
    composer.use((ctx) => void (ctx.session = { count: 1, note: 'card 4111-1111' }));
    const error = await run(composer, textEvent('u1', 'x')).then(
      () => assert.fail('the event should fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof SessionStorageError);
    assert.equal(error.operation, 'write');
    assert.deepEqual(error.unsaved, { count: 1, note: 'card 4111-1111' });
    assert.doesNotMatch(error.message, /4111/);
    assert.doesNotMatch(inspect(error), /4111/);
  });

  it('reports a failed delete as a SessionStorageError', async () => {
    const storage = new ProbeStorage<Counter>();
    storage.failNext.delete = new Error('read-only');
    await assert.rejects(
      run(counterBot(storage, true), textEvent('u1', 'forget')),
      (e: unknown) => e instanceof SessionStorageError && e.operation === 'delete',
    );
  });

  it('with lazy: true on an asynchronous storage, a touch fails with a SessionStorageError that says why', async () => {
    const storage = new ProbeStorage<Counter>(true);
    await assert.rejects(
      run(counterBot(storage, true), textEvent('u1', 'count')),
      (e: unknown) => e instanceof SessionStorageError && /asynchronously/.test(e.message),
    );
  });

  it('uses getSessionKey, and throws SessionKeyError on a touch when it gives no key', async () => {
    const storage = new ProbeStorage<Counter>();
    const composer = new Composer<Ctx>();
    composer.use(
      session({
        initial: () => ({ count: 0 }),
        storage,
        lazy: true,
        getSessionKey: (ctx) => (ctx.event.type === 'message' ? 'everyone' : undefined),
      }),
    );
    composer.use((ctx) => void (ctx.session.count += 1));
    await run(composer, textEvent('u1', 'a'));
    await run(composer, textEvent('u2', 'b'));
    assert.deepEqual(storage.inner.read('everyone'), { count: 2 });
    await assert.rejects(run(composer, changeEvent('feed', { item: 'post' })), SessionKeyError);
  });

  it('refuses a missing initial', () => {
    assert.throws(() => session({} as never), TypeError);
  });
});

describe('MemorySessionStorage', () => {
  it('keeps at most maxEntries, evicting the oldest written first', () => {
    const storage = new MemorySessionStorage<number>({ maxEntries: 3 });
    storage.write('a', 1);
    storage.write('b', 2);
    storage.write('c', 3);
    storage.write('a', 10); // rewritten: now the newest
    storage.write('d', 4);
    assert.equal(storage.size, 3);
    assert.equal(storage.read('b'), undefined);
    assert.deepEqual(
      ['a', 'c', 'd'].map((k) => storage.read(k)),
      [10, 3, 4],
    );
  });

  it('expires a session ttlMs after its last write', () => {
    let now = 1_000;
    const storage = new MemorySessionStorage<string>({ ttlMs: 100, now: () => now });
    storage.write('k', 'v');
    now = 1_099;
    assert.equal(storage.read('k'), 'v');
    now = 1_100;
    assert.equal(storage.read('k'), undefined);
    assert.equal(storage.size, 0);
  });

  it('hands out copies: changing what was read or written does not change what is stored', () => {
    const storage = new MemorySessionStorage<Counter>();
    const value = { count: 1 };
    storage.write('k', value);
    value.count = 2;
    const read = storage.read('k');
    assert.deepEqual(read, { count: 1 });
    if (read !== undefined) read.count = 3;
    assert.deepEqual(storage.read('k'), { count: 1 });
  });

  it('refuses a bound or TTL that makes no sense', () => {
    assert.throws(() => new MemorySessionStorage({ maxEntries: 0 }), RangeError);
    assert.throws(() => new MemorySessionStorage({ ttlMs: 0 }), RangeError);
  });
});
