/**
 * A Botkit 4 app on messenger-rx: `MessengerAdapter` (from `messenger-rx/botkit`) gives Botkit verified webhooks,
 * typed events and the Graph client; the app uses Botkit as usual, with `controller.hears` and a
 * `BotkitConversation` (a pizza order asking for the size with quick replies, then the topping).
 *
 * Run it locally: `npm run example:botkit` (scripted chat against the emulator), `npm run example:botkit --
 * --console` (type as the user; numbers pick quick replies), or add `-- --once`.
 *
 * Run it against a real page: set APP_SECRET, VERIFY_TOKEN and PAGE_ACCESS_TOKEN (GRAPH_API_URL, PORT optional)
 * and start `npm run example:botkit`; the webhook is at /webhook. Expose it with a tunnel (`ngrok http 3000`),
 * set https://<tunnel>/webhook as the callback URL in the dashboard and subscribe the page to `messages`.
 *
 * In your own app: `npm install messenger-rx botkit botbuilder rimraf`. rimraf is there for botbuilder-dialogs'
 * postinstall, which calls `npx rimraf` and fails where npx may not download; `--ignore-scripts` also works.
 */
import { createServer, type Server } from 'node:http';
import { MemoryStorage } from 'botbuilder';
import { Botkit, BotkitConversation, type BotkitMessage, type BotWorker } from 'botkit';
import { MessengerAdapter, type MessengerAdapterOptions } from '../lib/botkit/index.js';
import type { ListeningBot, TestableBot } from '../lib/testkit/index.js';
import { closeServer, listenOn, nodeHandler } from '../lib/webhook/index.js';
import { isMain, runExample, type Example } from './support/run.js';

/** The credentials of the Botkit app (those of `MessengerAdapter`), plus where adapter failures go. */
export type BotkitAppOptions = Pick<MessengerAdapterOptions, 'accessToken' | 'graph' | 'onError'> & {
  readonly appSecret: string;
  readonly verifyToken: string;
};

/** The Botkit app with the two methods the runner and the test kit use (`listen`, `stop`). */
export interface BotkitApp extends TestableBot {
  readonly controller: Botkit;
  readonly adapter: MessengerAdapter;
  /** Resolves when every turn has finished. */
  idle(): Promise<void>;
}

/** The id of the order dialog. */
export const ORDER_DIALOG = 'pizza-order';

function orderDialog(controller: Botkit): BotkitConversation {
  const convo = new BotkitConversation(ORDER_DIALOG, controller);
  convo.ask(
    {
      text: ['Which size?'],
      quick_replies: [
        { title: 'Small', payload: 'small' },
        { title: 'Large', payload: 'large' },
      ],
    },
    [
      { pattern: /^(small|large)$/i, handler: async (_answer, dialog) => dialog.gotoThread('topping') },
      { default: true, handler: async (_answer, dialog) => dialog.repeat() },
    ],
    'size',
  );
  convo.addQuestion('And the topping?', async () => undefined, 'topping', 'topping');
  convo.addMessage('One {{vars.size}} pizza with {{vars.topping}}, coming up! 🍕', 'topping');
  return convo;
}

/** Builds the Botkit controller on a `MessengerAdapter`: greetings with `hears`, and the pizza order dialog. */
export function createBotkitApp(options: BotkitAppOptions): BotkitApp {
  const adapter = new MessengerAdapter({
    ...options,
    // appsecret_proof on every call, as apps with "Require App Secret" need.
    graph: { ...options.graph, appSecret: options.appSecret },
  });
  const controller = new Botkit({
    adapter,
    storage: new MemoryStorage(),
    disable_webserver: true,
    disable_console: true,
  });
  controller.addDialog(orderDialog(controller));
  controller.hears(/^(hi|hello|hey)\b/i, 'message', async (bot: BotWorker, _message: BotkitMessage) => {
    await bot.reply(_message, 'Hello from Botkit on messenger-rx! Say "order" to order a pizza.');
  });
  controller.hears(/\border\b/i, 'message', async (bot: BotWorker) => {
    await bot.beginDialog(ORDER_DIALOG);
  });
  controller.on('message', async (bot: BotWorker, message: BotkitMessage) => {
    await bot.reply(message, 'I know "hi" and "order".');
  });

  const servers = new Set<Server>();
  const close = (server: Server): Promise<void> => {
    servers.delete(server);
    return closeServer(server, { force: true });
  };
  return {
    controller,
    adapter,
    idle: () => adapter.idle(),
    listen: async (port: number, host?: string): Promise<ListeningBot> => {
      const server = createServer(nodeHandler(adapter.webhook, { path: '/webhook' }));
      const address = await listenOn(server, port, host);
      servers.add(server);
      return { url: `http://${host ?? 'localhost'}:${address.port}/webhook`, close: () => close(server) };
    },
    stop: async () => {
      await Promise.all([...servers].map(close));
      await adapter.idle();
      await controller.shutdown();
    },
  };
}

/** The Botkit example: a greeting, then the order dialog with a quick reply and a free-text answer. */
export const botkitExample: Example<BotkitApp> = {
  script: 'example:botkit',
  title: 'Botkit app: controller.hears and a BotkitConversation on the messenger-rx adapter.',
  create: (config) => createBotkitApp(config),
  demo: async (demo) => {
    const ann = demo.messenger('Ann');
    await ann.say('hi');
    await ann.say('I want to order');
    await ann.tap('Large', 'large');
    await ann.say('mushrooms');
    const bob = demo.instagram('ig_bob');
    await bob.say('hello');
  },
};

if (isMain(import.meta.url)) process.exitCode = await runExample(botkitExample);

/** The bot file of this example, for `messenger-rx console|playground examples/botkit.ts`. */
export default botkitExample;
