/**
 * Conversations in a Bot, over real HTTP against the emulator: a flow answers each event where it came from
 * (Messenger or Instagram DM), replays without sending twice, survives a restart (a second bot on the same
 * storage), times out when idle, can be cancelled, and a flow that throws reaches errors$ and can be entered again.
 */
import assert from 'node:assert/strict';
import { Bot, BotHandlerError, type BotError, type Context } from '../../lib/bot/index.js';
import {
  conversations,
  createConversation,
  type Conversation,
  type ConversationFlavor,
} from '../../lib/conversations/index.js';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { MemorySessionStorage, session, type SessionFlavor } from '../../lib/session/index.js';
import { createTestKit, type BotConfig, type TestKit } from '../../lib/testkit/index.js';

interface Prefs {
  name?: string;
}
type MyContext = Context & SessionFlavor<Prefs> & ConversationFlavor;

async function signup(conv: Conversation<MyContext>, ctx: MyContext): Promise<void> {
  const name = await conv.ask('Your name?');
  if (name.event.message.text === 'crash') throw new Error('flow crashed');
  const ok = await conv.ask(`Is ${name.event.message.text} right?`, {
    quickReplies: [
      { content_type: 'text', title: 'Yes', payload: 'YES' },
      { content_type: 'text', title: 'No', payload: 'NO' },
    ],
    query: 'message:quick_reply',
  });
  if (ok.event.message.quick_reply.payload !== 'YES') {
    await ok.reply.text('Start again with /signup.');
    return;
  }
  ctx.session.name = name.event.message.text;
  await ok.reply.text(`Welcome, ${ctx.session.name}!`);
}

interface Setup {
  storage: MemorySessionStorage<unknown>;
  clock: { now: number };
  errors: BotError[];
}

function signupBot(config: BotConfig, setup: Setup): Bot<MyContext> {
  const bot = new Bot<MyContext>({ ...config, logger: () => undefined });
  bot.errors$.subscribe((error) => setup.errors.push(error));
  bot.use(session({ initial: (): Prefs => ({}), storage: setup.storage as MemorySessionStorage<Prefs> }));
  bot.use(conversations({ idleTimeoutMs: 60_000, now: () => setup.clock.now }));
  bot.command('cancel', async (ctx) => {
    await ctx.conversation.exit();
    await ctx.reply.text('Cancelled.');
  });
  bot.use(createConversation(signup));
  bot.command('signup', (ctx) => ctx.conversation.enter('signup'));
  bot.on('message:text', (ctx) => ctx.reply.text(`Hi ${ctx.session.name ?? 'stranger'}`));
  return bot;
}

describe('conversations in a Bot, through the emulator', function () {
  this.timeout(10_000);
  let emulator: Emulator;
  let setup: Setup;
  let kit: TestKit<Bot<MyContext>>;

  beforeEach(async () => {
    emulator = await startEmulator();
    setup = { storage: new MemorySessionStorage(), clock: { now: 1_000_000 }, errors: [] };
    kit = await createTestKit((config) => signupBot(config, setup), { emulator });
  });
  afterEach(async () => {
    await kit.close();
    await emulator.close();
  });

  it('runs a Messenger flow with quick replies, each prompt sent once, and remembers the result', async () => {
    const user = kit.user();
    await user.say('/signup');
    assert.equal((await user.nextMessage()).text, 'Your name?');
    await user.say('Ann');
    const confirm = await user.nextMessage();
    assert.equal(confirm.text, 'Is Ann right?');
    assert.deepEqual(
      (confirm.message['quick_replies'] as { title: string }[]).map((q) => q.title),
      ['Yes', 'No'],
    );
    await user.tapQuickReply('Yes', 'YES');
    assert.equal((await user.nextMessage()).text, 'Welcome, Ann!');
    await user.say('hello');
    assert.equal((await user.nextMessage()).text, 'Hi Ann');
    assert.deepEqual(
      user.messages.map((m) => m.text),
      ['Your name?', 'Is Ann right?', 'Welcome, Ann!', 'Hi Ann'],
    );
    assert.deepEqual(setup.errors, []);
  });

  it('asks again when the answer is not of the kind asked for', async () => {
    const user = kit.user();
    await user.say('/signup');
    await user.nextMessage();
    await user.say('Bob');
    await user.nextMessage();
    await user.say('yes'); // typed, not tapped
    assert.equal((await user.nextMessage()).text, 'Is Bob right?');
    await user.tapQuickReply('No', 'NO');
    assert.equal((await user.nextMessage()).text, 'Start again with /signup.');
  });

  it('answers an Instagram user on Instagram, from the Instagram account', async () => {
    const user = kit.user({ platform: 'instagram' });
    await user.say('/signup');
    const prompt = await user.nextMessage();
    assert.equal(prompt.platform, 'instagram');
    assert.equal(prompt.account, kit.emulator.config.igAccountId);
    await user.say('Ines');
    await user.tapQuickReply('Yes', 'YES');
    await user.waitForMessages(2);
    assert.deepEqual(
      user.messages.map((m) => [m.platform, m.text]),
      [
        ['instagram', 'Your name?'],
        ['instagram', 'Is Ines right?'],
        ['instagram', 'Welcome, Ines!'],
      ],
    );
  });

  it('keeps two users in their own flows', async () => {
    const ann = kit.user();
    const bob = kit.user();
    await ann.say('/signup');
    await bob.say('/signup');
    await ann.say('Ann');
    await bob.say('Bob');
    await Promise.all([ann.tapQuickReply('Yes', 'YES'), bob.tapQuickReply('Yes', 'YES')]);
    assert.equal((await ann.waitForMessages(3))[2]?.text, 'Welcome, Ann!');
    assert.equal((await bob.waitForMessages(3))[2]?.text, 'Welcome, Bob!');
  });

  it('survives a restart: a second bot on the same storage continues the flow', async () => {
    const before = kit.user();
    await before.say('/signup');
    await before.say('Cleo');
    await before.waitForMessages(2);
    await kit.close(); // the first process is gone
    kit = await createTestKit((config) => signupBot(config, setup), { emulator });
    const user = kit.user(before.id);
    await user.tapQuickReply('Yes', 'YES');
    assert.equal((await user.nextMessage()).text, 'Welcome, Cleo!');
    await kit.noReply();
    assert.deepEqual(
      kit.sent.map((m) => m.text),
      ['Your name?', 'Is Cleo right?', 'Welcome, Cleo!'],
      'the second bot sent nothing again while replaying',
    );
  });

  it('leaves a flow idle for longer than the idle timeout; the late message goes down the normal chain', async () => {
    const user = kit.user();
    await user.say('/signup');
    await user.nextMessage();
    setup.clock.now += 60_001;
    await user.say('Dan');
    assert.equal((await user.nextMessage()).text, 'Hi stranger');
  });

  it('leaves the flow on /cancel', async () => {
    const user = kit.user();
    await user.say('/signup');
    await user.nextMessage();
    await user.say('/cancel');
    assert.equal((await user.nextMessage()).text, 'Cancelled.');
    await user.say('Eve');
    assert.equal((await user.nextMessage()).text, 'Hi stranger');
  });

  it('sends the error of a flow that throws to errors$ with the event, and the flow can be entered again', async () => {
    const user = kit.user();
    await user.say('/signup');
    await user.nextMessage();
    await user.say('crash');
    await kit.settle();
    assert.equal(setup.errors.length, 1);
    const [error] = setup.errors;
    assert.ok(error instanceof BotHandlerError);
    assert.match(String(error.message), /flow crashed/);
    assert.equal(error.event.type === 'message' ? error.event.message.text : undefined, 'crash');
    await user.say('hello');
    assert.equal((await user.nextMessage()).text, 'Hi stranger', 'the flow is over');
    await user.say('/signup');
    assert.equal((await user.nextMessage()).text, 'Your name?');
  });
});
