/**
 * Menu bot: the Get Started postback, a quick-reply menu, a button template whose postback buttons place an
 * order, and an answer per payload, written as two Composers (`postback`, `quickReply`, with a RegExp match for
 * a payload family) and a fallback registered last ("Sorry, I did not get that") for everything else.
 *
 * Run it locally: `npm run example:menu` (scripted chat against the emulator), `npm run example:menu -- --console`
 * (type as the user: numbers pick quick replies and buttons), `npm run example:menu -- --once`.
 *
 * Run it against a real page: set APP_SECRET, VERIFY_TOKEN and PAGE_ACCESS_TOKEN (GRAPH_API_URL, PORT optional)
 * and start `npm run example:menu`; the webhook is at /webhook. Expose it with a tunnel (`ngrok http 3000`), set
 * https://<tunnel>/webhook as the callback URL in the dashboard, subscribe to `messages` and `messaging_postbacks`,
 * and set the page's Get Started button to the payload GET_STARTED (Messenger Profile API).
 */
import { Bot, Composer, type BotOptions, type Context, type QuickReply } from '../lib/index.js';
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

/** What the fallback says before offering the menu again. */
export const NOT_UNDERSTOOD = 'Sorry, I did not get that. What can I do for you?';

function showMenu(ctx: Context, text = 'What can I do for you?'): Promise<unknown> {
  return ctx.reply.quickReplies(text, MAIN_MENU);
}

/** The main menu as a Composer: Get Started and the three quick replies. */
export function mainMenu(): Composer {
  const menu = new Composer();
  menu.postback(PAYLOADS.getStarted, (ctx) => showMenu(ctx, 'Welcome to Rx Bistro! What can I do for you?'));
  menu.quickReply(PAYLOADS.hours, (ctx) =>
    showMenu(ctx, 'We are open every day from 11:00 to 22:00. Anything else?'),
  );
  menu.quickReply(PAYLOADS.order, (ctx) =>
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
  menu.quickReply(PAYLOADS.human, (ctx) => ctx.reply.text('A person from the team will answer here soon.'));
  return menu;
}

/** The orders as a Composer: the `ORDER_<DISH>` postback buttons, the dish in `ctx.match[1]`. */
export function orders(): Composer {
  const composer = new Composer();
  composer.postback(/^ORDER_([A-Z]+)$/, (ctx) => {
    const dish = DISHES[ctx.match?.[1] ?? ''];
    if (dish === undefined) return showMenu(ctx, 'Sorry, that dish is gone. What else can I do for you?');
    return showMenu(ctx, `Great choice: ${dish} is on its way! Anything else?`);
  });
  return composer;
}

/**
 * The menu bot: the menu and the orders composers, then a fallback for everything else a person sends (any
 * other text, an unknown payload, an attachment), which says so and offers the menu again.
 */
export function createMenuBot(options: BotOptions): Bot {
  const bot = new Bot(options);
  bot.use(mainMenu());
  bot.use(orders());
  // The fallback: registered last, it runs only when nothing above answered. Only messages and postbacks from
  // the person get an answer, not reads, deliveries or reactions.
  bot.on(['message', 'postback'], (ctx) => showMenu(ctx, NOT_UNDERSTOOD));
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
