/**
 * Echo bot: answers every text message, on Messenger and Instagram, with a text that contains what the user
 * wrote; other messages (images, stickers, ...) get a short note. The smallest complete messenger-rx bot.
 *
 * Run it locally, with no Meta app and no internet: `npm run example` (a scripted chat against the built-in
 * emulator, then it keeps running), `npm run example -- --console` (type as the user), `npm run example -- --once`.
 *
 * Run it against a real page: set APP_SECRET, VERIFY_TOKEN and PAGE_ACCESS_TOKEN (GRAPH_API_URL and PORT
 * (default 3000) are optional) and start `npm run example`; the webhook is served at /webhook. Expose it with a
 * tunnel (`ngrok http 3000`), then enter https://<tunnel>/webhook and your VERIFY_TOKEN as the callback URL in
 * the app dashboard's Webhooks settings and subscribe the page to `messages`.
 */
import { Bot, type BotOptions } from '../lib/index.js';
import { isMain, runExample, type Example } from './support/run.js';

/** Instagram accepts at most 1000 UTF-8 bytes per text; the echo stays well under it on both platforms. */
const MAX_ECHO_BYTES = 900;

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character, adding `…` when it cut. */
export function fitBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let out = '';
  for (const char of text) {
    if (Buffer.byteLength(`${out}${char}…`, 'utf8') > maxBytes) break;
    out += char;
  }
  return `${out}…`;
}

/** The echo bot: `You said: <text>` for every text message, a note for anything else a user sends. */
export function createEchoBot(options: BotOptions): Bot {
  const bot = new Bot(options);
  bot.on('message:text', (ctx) =>
    ctx.reply.text(`You said: ${fitBytes(ctx.event.message.text, MAX_ECHO_BYTES)}`),
  );
  // A message with text and attachments was answered above: the first matching handler ends the chain.
  bot.on('message:attachments', (ctx) => {
    const kinds = ctx.event.message.attachments.map((a) => a.type).join(', ');
    return ctx.reply.text(`Thanks for the ${kinds}! I can only echo text.`);
  });
  return bot;
}

/** The echo example: a Messenger user and an Instagram user each say something. */
export const echoExample: Example<Bot> = {
  script: 'example',
  title: 'Echo bot: answers every text message with what the user wrote.',
  create: (config) => createEchoBot(config),
  demo: async (demo) => {
    const ann = demo.messenger('Ann');
    await ann.say('Hello bot!');
    await ann.say('Ça va? 👋');
    const ig = demo.instagram('ig_bob');
    await ig.say('Hi from Instagram');
  },
};

if (isMain(import.meta.url)) process.exitCode = await runExample(echoExample);

/** The bot file of this example, for `messenger-rx console|playground examples/echo.ts`. */
export default echoExample;
