/**
 * Menu bot: the Get Started postback, a quick-reply menu, a button template whose postback buttons place an
 * order, and an answer per payload (`bot.postback`, `bot.quickReply`, with a RegExp match for a payload family).
 *
 * Run it locally: `npm run example:menu` (scripted chat against the emulator), `npm run example:menu -- --console`
 * (type as the user: numbers pick quick replies and buttons), `npm run example:menu -- --once`.
 *
 * Run it against a real page: set APP_SECRET, VERIFY_TOKEN and PAGE_ACCESS_TOKEN (GRAPH_API_URL, PORT optional)
 * and start `npm run example:menu`; the webhook is at /webhook. Expose it with a tunnel (`ngrok http 3000`), set
 * https://<tunnel>/webhook as the callback URL in the dashboard, subscribe to `messages` and `messaging_postbacks`,
 * and set the page's Get Started button to the payload GET_STARTED (Messenger Profile API).
 */
import { Bot, type BotOptions, type Context, type QuickReply, type WebhookEvent } from '../lib/index.js';
import { isMain, runExample, type Example } from './support/run.js';

/** The payloads the menu understands (postbacks and quick replies). */
export const PAYLOADS = {
  getStarted: 'GET_STARTED',
  hours: 'MENU_HOURS',
  order: 'MENU_ORDER',
  human: 'MENU_HUMAN',
  orderPrefix: 'ORDER_',
} as const;

/** The dishes of the order menu, by the suffix of their `ORDER_` payload. */
export const DISHES: Readonly<Record<string, string>> = {
  PIZZA: 'a pizza',
  SALAD: 'a salad',
  SOUP: 'a soup',
};

/** The main menu as quick replies. */
export const MAIN_MENU: readonly QuickReply[] = [
  { title: 'Opening hours', payload: PAYLOADS.hours },
  { title: 'Order food', payload: PAYLOADS.order },
  { title: 'Talk to a human', payload: PAYLOADS.human },
];

function showMenu(ctx: Context<WebhookEvent>, text = 'What can I do for you?'): Promise<unknown> {
  return ctx.reply.quickReplies(text, MAIN_MENU);
}

/** The menu bot: Get Started greets with the menu, each quick reply answers, order buttons confirm the dish. */
export function createMenuBot(options: BotOptions): Bot {
  const bot = new Bot(options);
  bot.postback(PAYLOADS.getStarted, (_event, ctx) =>
    showMenu(ctx, 'Welcome to Rx Bistro! What can I do for you?'),
  );
  bot.quickReply(PAYLOADS.hours, (_event, ctx) =>
    showMenu(ctx, 'We are open every day from 11:00 to 22:00. Anything else?'),
  );
  bot.quickReply(PAYLOADS.order, (_event, ctx) =>
    ctx.reply.template({
      template_type: 'button',
      text: 'What would you like?',
      buttons: Object.entries(DISHES).map(([key, dish]) => ({
        type: 'postback' as const,
        title: dish.replace(/^an? /, '').replace(/^./, (c) => c.toUpperCase()),
        payload: `${PAYLOADS.orderPrefix}${key}`,
      })),
    }),
  );
  bot.quickReply(PAYLOADS.human, (_event, ctx) =>
    ctx.reply.text('A person from the team will answer here soon.'),
  );
  bot.postback(/^ORDER_([A-Z]+)$/, (_event, ctx) => {
    const dish = DISHES[ctx.match?.[1] ?? ''];
    if (dish === undefined) return showMenu(ctx, 'Sorry, that dish is gone. What else can I do for you?');
    return showMenu(ctx, `Great choice: ${dish} is on its way! Anything else?`);
  });
  // Any other text (not a quick reply tap: those are text messages too) brings the menu back.
  bot.on('message:text', (event, ctx) =>
    event.message.quick_reply === undefined ? showMenu(ctx) : undefined,
  );
  return bot;
}

/** The menu example: Get Started, the hours, an order through a postback button. */
export const menuExample: Example<Bot> = {
  script: 'example:menu',
  title: 'Menu bot: Get Started, quick replies and postback buttons.',
  create: (config) => createMenuBot(config),
  demo: async (demo) => {
    const ann = demo.messenger('Ann');
    await ann.postback(PAYLOADS.getStarted, 'Get Started');
    await ann.tap('Opening hours', PAYLOADS.hours);
    await ann.tap('Order food', PAYLOADS.order);
    await ann.postback(`${PAYLOADS.orderPrefix}PIZZA`, 'Pizza');
    await ann.say('thanks!');
  },
};

if (isMain(import.meta.url)) process.exitCode = await runExample(menuExample);

/** The bot file of this example, for `messenger-rx console|playground examples/menu.ts`. */
export default menuExample;
