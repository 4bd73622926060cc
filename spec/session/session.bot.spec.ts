/**
 * session() in a Bot, over real HTTP against the emulator: per-conversation order keeps read-modify-write exact
 * under a burst (on an asynchronous storage, where a race would lose updates), users never share a session, and
 * a failing storage reaches `errors$` with the event while the bot goes on serving.
 */
import assert from 'node:assert/strict';
import { Bot, BotHandlerError, type BotError, type Context } from '../../lib/bot/index.js';
import { session, SessionStorageError, type SessionFlavor } from '../../lib/session/index.js';
import { createTestKit, type TestKit } from '../../lib/testkit/index.js';
import { ProbeStorage } from './helpers.js';

interface Counter {
  count: number;
}
type MyContext = Context & SessionFlavor<Counter>;

describe('session() in a Bot, through the emulator', function () {
  this.timeout(10_000);
  let kit: TestKit<Bot<MyContext>>;
  let storage: ProbeStorage<Counter>;
  let errors: BotError[];

  beforeEach(async () => {
    storage = new ProbeStorage<Counter>(true);
    errors = [];
    kit = await createTestKit((config) => {
      const bot = new Bot<MyContext>({ ...config, logger: () => undefined });
      bot.errors$.subscribe((error) => errors.push(error));
      bot.use(session({ initial: () => ({ count: 0 }), storage }));
      bot.hears('total', (ctx) => ctx.reply.text(`total ${ctx.session.count}`));
      bot.on('message:text', async (ctx) => {
        const count = ctx.session.count + 1;
        await new Promise((resolve) => setImmediate(resolve)); // room for a racing event, if order broke
        ctx.session.count = count;
        await ctx.reply.text(`#${count}`);
      });
      return bot;
    });
  });
  afterEach(async () => {
    await kit.close();
  });

  it('keeps a counter exact when one user sends 20 messages at once', async () => {
    const user = kit.user();
    await Promise.all(Array.from({ length: 20 }, (_, i) => user.say(`m${i}`)));
    const replies = await user.waitForMessages(20);
    assert.deepEqual(
      replies.map((r) => r.text),
      Array.from({ length: 20 }, (_, i) => `#${i + 1}`),
    );
    await user.say('total');
    assert.equal((await user.nextMessage()).text, 'total 20');
    assert.deepEqual(errors, []);
  });

  it('never lets two users share a session', async () => {
    const ann = kit.user();
    const bob = kit.user();
    await Promise.all([ann.say('a'), bob.say('b'), ann.say('a')]);
    await ann.waitForMessages(2);
    await bob.waitForMessages(1);
    await bob.say('total');
    assert.equal((await bob.nextMessage()).text, 'total 1');
    await ann.say('total');
    assert.equal((await ann.nextMessage()).text, 'total 2');
  });

  it('reports a failed read on errors$ with the event, runs no handler on it, and serves the next event', async () => {
    const user = kit.user();
    storage.failNext.read = new Error('storage down');
    await user.say('lost?');
    await kit.settle();
    assert.equal(kit.sent.length, 0, 'no handler answered on a made-up session');
    assert.equal(errors.length, 1);
    const [error] = errors;
    assert.ok(error instanceof BotHandlerError);
    assert.equal(error.event.type, 'message');
    assert.equal(error.event.conversation, `messenger:${kit.emulator.config.pageId}:${user.id}`);
    assert.ok(error.error instanceof SessionStorageError);
    assert.equal(error.error.operation, 'read');
    await user.say('again');
    assert.equal((await user.nextMessage()).text, '#1');
  });

  it('reports a failed write on errors$ with the event and the unsaved value; the reply was already sent', async () => {
    const user = kit.user();
    await user.say('one');
    await user.nextMessage();
    await kit.settle(); // the write follows the reply
    storage.failNext.write = new Error('storage full');
    await user.say('two');
    assert.equal((await user.nextMessage()).text, '#2');
    await kit.settle();
    const [error] = errors;
    assert.ok(error instanceof BotHandlerError);
    assert.ok(error.error instanceof SessionStorageError);
    assert.equal(error.error.operation, 'write');
    assert.deepEqual(error.error.unsaved, { count: 2 });
    assert.equal(error.event.type === 'message' ? error.event.message.text : undefined, 'two');
    await user.say('total');
    assert.equal((await user.nextMessage()).text, 'total 1', 'the stored value is the last one saved');
  });
});
