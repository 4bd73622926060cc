/**
 * Handover bot: greets people by name (the user profile, read once per event with `ctx.profile()`), and when
 * someone asks for a human ("talk to a human", "agent", ...) it passes the conversation to the Page Inbox (or the
 * Instagram Inbox) with `ctx.passThreadControl()`. While a person from the team answers there, the user's
 * messages reach the bot on `standby` and it stays silent; when the inbox passes the thread back (a `handover`
 * event with `pass_thread_control`), the bot resumes.
 *
 * Run it locally: `npm run example:handover` (a scripted chat against the emulator, whose Page Inbox passes the
 * thread back), `npm run example:handover -- --console`, `npm run example:handover -- --once`.
 *
 * Run it against a real page: set APP_SECRET, VERIFY_TOKEN and PAGE_ACCESS_TOKEN and start the example; subscribe
 * the app to `messages`, `messaging_handovers` (Instagram: `messaging_handover`) and `standby`. Under Meta's
 * Conversation Routing the inbox passes the thread back when an agent moves it to "Done" or passes it in
 * Meta Business Suite.
 */
import { Bot, type BotOptions } from '../lib/index.js';
import { isMain, runExample, type Example } from './support/run.js';

/** What makes the bot hand over: a request for a person. */
export const HUMAN = /\b(human|person|agent|someone real)\b/i;

/** The metadata the bot passes with the thread, shown to the receiving app. */
export const HANDOVER_METADATA = 'The user asked for a human';

/** The handover bot: greets by name, passes to the inbox on request, resumes when the thread comes back. */
export function createHandoverBot(options: BotOptions): Bot {
  const bot = new Bot(options);
  bot.on('message:text', async (ctx) => {
    if (HUMAN.test(ctx.event.message.text)) {
      await ctx.reply.text('Connecting you with a person from our team. They will answer here.');
      await ctx.passThreadControl({ metadata: HANDOVER_METADATA });
      return;
    }
    const profile = await ctx.profile();
    const name =
      ('first_name' in profile ? profile.first_name : undefined) ??
      ('username' in profile ? profile.username : undefined) ??
      'there';
    await ctx.reply.text(`Hi ${name}! I am the bot. Say "talk to a human" to reach our team.`);
  });
  bot.on('handover', (ctx) =>
    'pass_thread_control' in ctx.event
      ? ctx.reply.text('The bot is back. Anything else I can help with?')
      : undefined,
  );
  return bot;
}

/** The handover example: a user asks for a human, writes to the team, and the inbox passes the thread back. */
export const handoverExample: Example<Bot> = {
  script: 'example:handover',
  title: 'Handover bot: hands the conversation to the Page Inbox and takes it back.',
  create: (config) => createHandoverBot(config),
  demo: async (demo) => {
    const ann = demo.messenger('Ann');
    demo.kit.emulator.user(ann.id, { profile: { first_name: 'Ann' } });
    await ann.say('Hello!');
    await ann.say('I want to talk to a human');
    await ann.say('My order never arrived');
    demo.note('the bot is silent: the Page Inbox owns the thread, the message came on standby');
    demo.note('a person answers in the Page Inbox, then passes the thread back');
    await demo.kit.emulator.handover.passToBot(ann.id, { metadata: 'Resolved by the team' });
    await demo.kit.settle();
    await ann.say('Thanks!');
  },
};

if (isMain(import.meta.url)) process.exitCode = await runExample(handoverExample);

/** The bot file of this example, for `messenger-rx console|playground examples/handover.ts`. */
export default handoverExample;
