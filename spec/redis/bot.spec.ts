/**
 * The Bot on the Redis inbox, end to end: a receiver Bot serving the emulator's webhook and worker Bots (each with
 * its own RedisInbox) on one real redis-server, replying through the emulator's Graph API.
 */
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { Bot, BotInboxError, session, type BotError, type BotRole, type Context } from '../../lib/index.js';
import type { SessionFlavor } from '../../lib/index.js';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { RedisAcceptError, RedisInbox, RedisSessionStorage } from '../../lib/redis/index.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { waitFor } from './helpers.js';

type CounterContext = Context & SessionFlavor<{ count: number }>;

describe('messenger-rx/redis: the Bot as receiver and workers', function () {
  this.timeout(30_000);
  let server: RedisServer;
  let emulator: Emulator;
  const bots: Bot<CounterContext>[] = [];
  /** What each bot reported on errors$, by name. */
  const reported = new Map<string, BotError[]>();
  const clients: Redis[] = [];
  let prefix = '';
  let round = 0;

  before(async () => {
    server = await startRedis({ appendOnly: true });
  });
  after(async () => {
    await server.stop();
  });
  beforeEach(async () => {
    round += 1;
    prefix = `bot${round}`;
    emulator = await startEmulator();
  });
  afterEach(async () => {
    await Promise.all(bots.splice(0).map((bot) => bot.stop()));
    await Promise.all(clients.splice(0).map((client) => client.quit()));
    reported.clear();
    await emulator.close();
  });

  /** A bot of `role` on its own RedisInbox; workers answer `<worker>:<text>` (and the session count). */
  function makeBot(
    role: BotRole,
    name: string,
    handled: Map<string, string[]>,
    counter = false,
    dedup = true,
  ): Bot<CounterContext> {
    const { appSecret, verifyToken, accessToken } = emulator.config;
    const inbox = new RedisInbox({
      redis: server.url,
      prefix,
      workerId: name,
      acceptTimeoutMs: 500,
      claimIdleMs: 3000,
      blockMs: 200,
      ...(dedup ? {} : { dedup: false as const }),
    });
    const bot = new Bot<CounterContext>({
      appSecret,
      verifyToken,
      accessToken,
      graph: { baseUrl: emulator.url },
      inbox,
      role,
    });
    if (counter) {
      const redis = new Redis(server.url);
      clients.push(redis);
      bot.use(
        session({
          initial: () => ({ count: 0 }),
          storage: new RedisSessionStorage({ redis, prefix: `${prefix}:s:` }),
        }),
      );
    }
    bot.on('message:text', async (ctx) => {
      const text = ctx.event.message.text;
      handled.set(name, [...(handled.get(name) ?? []), text]);
      if (counter) ctx.session.count += 1;
      await ctx.reply.text(counter ? `count ${ctx.session.count}` : `${text}`);
    });
    bot.errors$.subscribe((error) => reported.set(name, [...(reported.get(name) ?? []), error]));
    bots.push(bot);
    return bot;
  }

  async function receiver(
    handled: Map<string, string[]>,
    dedup = true,
  ): Promise<{ bot: Bot<CounterContext>; errors: BotError[] }> {
    const bot = makeBot('receiver', 'receiver', handled, false, dedup);
    const errors: BotError[] = [];
    bot.errors$.subscribe((error) => errors.push(error));
    const listening = await bot.listen(0, '127.0.0.1');
    emulator.connect(listening.url);
    return { bot, errors };
  }

  /** The texts the bot sent each recipient, in the order the Graph API got them. */
  function repliesByUser(): Map<string, string[]> {
    const replies = new Map<string, string[]>();
    for (const message of emulator.sent) {
      const to = message.recipientId ?? '';
      replies.set(to, [...(replies.get(to) ?? []), message.text ?? '']);
    }
    return replies;
  }

  it('answers the messages of several users exactly once each, in order per user, across two workers', async () => {
    const handled = new Map<string, string[]>();
    await receiver(handled);
    const w1 = makeBot('worker', 'w1', handled);
    const w2 = makeBot('worker', 'w2', handled);
    w1.start();
    w2.start();
    const inboxes = [w1.inbox, w2.inbox] as RedisInbox[];
    await waitFor(() => inboxes.every((inbox) => inbox.heldPartitions().length === 8));
    const users = Array.from({ length: 12 }, (_, i) => emulator.user(`user${i}`));
    const perUser = 6;
    await Promise.all(
      users.map(async (user) => {
        for (let n = 1; n <= perUser; n++) assert.equal((await user.say(`${user.id}/${n}`)).status, 200);
      }),
    );
    await emulator.waitForMessages(users.length * perUser, { timeoutMs: 20_000 });
    const replies = repliesByUser();
    for (const user of users) {
      assert.deepEqual(
        replies.get(user.id),
        Array.from({ length: perUser }, (_, i) => `${user.id}/${i + 1}`),
        `${user.id}: each message answered once, in order`,
      );
    }
    assert.equal(emulator.sent.length, users.length * perUser, 'no other reply');
    assert.ok(
      (handled.get('w1') ?? []).length > 0 && (handled.get('w2') ?? []).length > 0,
      'both workers handled',
    );
    assert.equal(handled.get('receiver'), undefined, 'the receiver runs no handler');
  });

  it('answers 500 while Redis is unreachable, reports it on errors$, and 200 again once Redis is back', async () => {
    const handled = new Map<string, string[]>();
    const { errors } = await receiver(handled);
    const worker = makeBot('worker', 'w1', handled);
    worker.start();
    const ann = emulator.user('ann');
    assert.equal((await ann.say('before')).status, 200);
    await emulator.waitForMessages(1, { timeoutMs: 10_000 });

    await server.kill();
    assert.equal((await ann.say('while down')).status, 500);
    const failure = errors.find((error) => error instanceof BotInboxError);
    assert.ok(failure instanceof BotInboxError, 'a BotInboxError on the receiver errors$');
    assert.ok(failure.error instanceof RedisAcceptError);
    assert.doesNotMatch(failure.message, /redis:\/\//);
    await waitFor(() => (reported.get('w1') ?? []).some((error) => error instanceof BotInboxError));

    await server.restart();
    // Each attempt is a new message: one refused on a timeout may still land later (ioredis' offline queue), and
    // then it is answered too; the one acknowledged with 200 must be answered exactly once.
    let acked = '';
    for (let attempt = 1; acked === ''; attempt++) {
      if ((await ann.say(`after ${attempt}`)).status === 200) acked = `after ${attempt}`;
    }
    await waitFor(() => emulator.sent.some((m) => m.text === acked));
    const texts = repliesByUser().get('ann') ?? [];
    assert.equal(texts[0], 'before');
    // 'before' may run twice: its acknowledgement can be cut off by the kill (at-least-once, see the README).
    assert.equal(texts.filter((text) => text === acked).length, 1, 'the accepted message is answered once');
  });

  for (const dedup of [true, false]) {
    it(`dedups a redelivery ${dedup ? 'once, at the door' : 'not at all with the inbox dedup off: the Bot adds none'}`, async () => {
      const handled = new Map<string, string[]>();
      await receiver(handled, dedup);
      makeBot('worker', 'w1', handled).start();
      const first = await emulator.user('cy').say('twice?');
      assert.equal(first.status, 200);
      assert.equal((await emulator.deliver(first.payload)).status, 200); // Meta's redelivery: the same body
      assert.equal((await emulator.user('cy').say('then')).status, 200);
      await waitFor(() => emulator.sent.some((m) => m.text === 'then'));
      assert.deepEqual(repliesByUser().get('cy'), dedup ? ['twice?', 'then'] : ['twice?', 'twice?', 'then']);
    });
  }

  it('keeps a session counter exact while the conversation moves from one worker to another', async () => {
    const handled = new Map<string, string[]>();
    await receiver(handled);
    const a = makeBot('worker', 'a', handled, true);
    a.start();
    const bob = emulator.user('bob');
    for (let n = 1; n <= 5; n++) assert.equal((await bob.say(`m${n}`)).status, 200);
    await emulator.waitForMessages(5, { timeoutMs: 10_000 });

    const b = makeBot('worker', 'b', handled, true);
    b.start();
    await a.stop(); // a releases its partitions; b takes them over
    for (let n = 6; n <= 10; n++) assert.equal((await bob.say(`m${n}`)).status, 200);
    await waitFor(() => emulator.sent.length >= 10);

    assert.deepEqual(
      repliesByUser().get('bob'),
      Array.from({ length: 10 }, (_, i) => `count ${i + 1}`),
    );
    assert.deepEqual(handled.get('a'), ['m1', 'm2', 'm3', 'm4', 'm5']);
    assert.deepEqual(handled.get('b'), ['m6', 'm7', 'm8', 'm9', 'm10']);
  });
});
