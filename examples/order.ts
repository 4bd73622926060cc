/**
 * Coffee order bot: a multi-turn flow with `conversations()`. It asks for the drink, the size and how many, with
 * quick replies; it checks every answer and asks again when it does not fit; it confirms the order; a session
 * remembers the last order, so the next time it offers "Same as last time?". `cancel` (or `/cancel`) leaves the
 * flow at any step. The flow's state lives in the session storage: in memory here, `RedisSessionStorage` to
 * survive restarts and to share it between processes.
 *
 * Run it locally, with no Meta app and no internet: `npm run example:order` (a scripted chat against the
 * built-in emulator, then it keeps running), `npm run example:order -- --console` (type as the user: numbers
 * pick quick replies), `npm run example:order -- --once`.
 *
 * Run it against a real page: set APP_SECRET, VERIFY_TOKEN and PAGE_ACCESS_TOKEN (GRAPH_API_URL and PORT
 * optional) and start `npm run example:order`; the webhook is at /webhook. Expose it with a tunnel
 * (`ngrok http 3000`), set https://<tunnel>/webhook as the callback URL in the dashboard and subscribe the page to
 * `messages`.
 */
import {
  Bot,
  conversations,
  createConversation,
  session,
  type BotOptions,
  type Context,
  type Conversation,
  type ConversationFlavor,
  type QuickReply,
  type SessionFlavor,
} from '../lib/index.js';
import { isMain, runExample, type Example } from './support/run.js';

/** The drinks on the menu. */
export const DRINKS = ['Espresso', 'Latte', 'Cappuccino', 'Tea'] as const;
/** The sizes, by the word used in the order summary. */
export const SIZES = { S: 'small', M: 'medium', L: 'large' } as const;
/** The most cups in one order. */
export const MAX_CUPS = 5;

/** One order, as the session remembers it. */
export interface Order {
  readonly drink: (typeof DRINKS)[number];
  readonly size: keyof typeof SIZES;
  readonly cups: number;
}

/** What the session keeps per conversation: the last order placed. */
export interface OrderSession {
  last?: Order;
}

/** The context of this bot: the session and the conversation controls. */
export type OrderContext = Context & SessionFlavor<OrderSession> & ConversationFlavor;

/** "2 large lattes". */
export function describeOrder(order: Order): string {
  const drink = order.drink.toLowerCase();
  return `${order.cups} ${SIZES[order.size]} ${drink}${order.cups === 1 ? '' : 's'}`;
}

function quickReplies(titles: readonly string[]): QuickReply[] {
  return titles.map((title) => ({ content_type: 'text', title, payload: title.toUpperCase() }));
}

/** The text of an answer, trimmed, in lower case. */
function said(ctx: OrderContext): string {
  return ctx.event.type === 'message' ? (ctx.event.message.text ?? '').trim().toLowerCase() : '';
}

/**
 * Asks until the answer is one of `choices` (by its title, case-insensitively); an answer that is not gets a
 * short note listing them, and the question again.
 */
async function choose<T extends string>(
  conv: Conversation<OrderContext>,
  question: string,
  choices: readonly T[],
): Promise<T> {
  for (;;) {
    const answer = await conv.ask(question, { quickReplies: quickReplies(choices) });
    const picked = choices.find((choice) => choice.toLowerCase() === said(answer));
    if (picked !== undefined) return picked;
    await answer.reply.text(`Sorry, please pick one of: ${choices.join(', ')}.`);
  }
}

/** Asks how many cups until the answer is a whole number from 1 to MAX_CUPS. */
async function howMany(conv: Conversation<OrderContext>): Promise<number> {
  for (;;) {
    const answer = await conv.ask(`How many? (1 to ${MAX_CUPS})`, { quickReplies: quickReplies(['1', '2']) });
    const cups = Number(said(answer));
    if (Number.isInteger(cups) && cups >= 1 && cups <= MAX_CUPS) return cups;
    await answer.reply.text(`Please send a number from 1 to ${MAX_CUPS}.`);
  }
}

/** The order flow: same as last time, or drink, size and cups; then a confirmation. */
export async function order(conv: Conversation<OrderContext>, ctx: OrderContext): Promise<void> {
  const last = ctx.session.last;
  let next: Order | undefined;
  if (last !== undefined) {
    const same = await choose(conv, `Same as last time? (${describeOrder(last)})`, ['Yes', 'No']);
    if (same === 'Yes') next = last;
  }
  if (next === undefined) {
    const drink = await choose(conv, 'What would you like?', DRINKS);
    const size = await choose(conv, 'Which size?', Object.keys(SIZES) as (keyof typeof SIZES)[]);
    const cups = await howMany(conv);
    next = { drink, size, cups };
  }
  const confirm = await choose(conv, `So that is ${describeOrder(next)}. Shall I place the order?`, [
    'Yes',
    'No',
  ]);
  // After the last wait, ctx.reply answers the event being handled (while replaying, it sends nothing).
  if (confirm === 'No') {
    await ctx.reply.text('No problem, nothing was ordered.');
    return;
  }
  ctx.session.last = next;
  await ctx.reply.text(`Thank you! ${describeOrder(next)}, ready in 5 minutes.`);
}

/** The order bot: `order` starts the flow, `cancel` leaves it, anything else gets a hint. */
export function createOrderBot(options: BotOptions<OrderContext>): Bot<OrderContext> {
  const bot = new Bot<OrderContext>(options);
  bot.use(session({ initial: (): OrderSession => ({}) }));
  bot.use(conversations());
  // Registered before the flow, so that it is reached while a flow waits.
  const cancel = async (ctx: OrderContext): Promise<void> => {
    const active = ctx.conversation.active;
    await ctx.conversation.exit();
    await ctx.reply.text(active === undefined ? 'Nothing to cancel.' : 'Order cancelled.');
  };
  bot.command('cancel', cancel);
  bot.hears(/^cancel$/i, cancel);
  bot.use(createConversation(order));
  bot.command('order', (ctx) => ctx.conversation.enter('order'));
  bot.hears(/^order$/i, (ctx) => ctx.conversation.enter('order'));
  bot.use((ctx) =>
    ctx.reply.quickReplies(
      'Hi! I take coffee orders. Send "order" to start, "cancel" to stop.',
      quickReplies(['Order']),
    ),
  );
  return bot;
}

/** The order example: a first order with a wrong answer re-asked, then "same as last time". */
export const orderExample: Example<Bot<OrderContext>> = {
  script: 'example:order',
  title: 'Coffee order bot: a conversation with quick replies, validation, a session and cancel.',
  create: (config) => createOrderBot(config),
  demo: async (demo) => {
    const ann = demo.messenger('Ann');
    await ann.say('hi');
    await ann.tap('Order', 'ORDER');
    await ann.tap('Latte', 'LATTE');
    await ann.say('huge');
    await ann.tap('L', 'L');
    await ann.say('12');
    await ann.tap('2', '2');
    await ann.tap('Yes', 'YES');
    demo.note('Later, Ann orders again:');
    await ann.say('order');
    await ann.tap('Yes', 'YES');
    await ann.tap('Yes', 'YES');
    const ig = demo.instagram('ig_bob');
    await ig.say('order');
    await ig.say('cancel');
  },
};

if (isMain(import.meta.url)) process.exitCode = await runExample(orderExample);

/** The bot file of this example, for `messenger-rx console|playground examples/order.ts`. */
export default orderExample;
