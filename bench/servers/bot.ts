/**
 * The server under test: a messenger-rx Bot whose `message:text` handler echoes the text through
 * `ctx.reply.text`, replying to the stub Graph API. Run as a child of the bench runner.
 */
import { Bot } from '../../lib/bot/index.js';
import {
  ACCESS_TOKEN,
  APP_SECRET,
  QUEUE_LIMIT,
  SEND_CONCURRENCY,
  VERIFY_TOKEN,
  WEBHOOK_PATH,
} from '../lib/config.js';
import { argOf, serveChild } from '../lib/ipc.js';

const graph = argOf('graph') ?? 'http://127.0.0.1:1';
let handlerErrors = 0;

const bot = new Bot({
  appSecret: APP_SECRET,
  verifyToken: VERIFY_TOKEN,
  accessToken: ACCESS_TOKEN,
  graph: { baseUrl: graph },
  concurrency: SEND_CONCURRENCY,
  maxQueued: QUEUE_LIMIT,
  path: WEBHOOK_PATH,
  // Dedup stays on (its default) as part of the real cost; `--dedup=off` is for diagnosis only.
  ...(argOf('dedup') === 'off' ? { dedup: false as const } : {}),
});
bot.on('message:text', async (ctx) => {
  await ctx.reply.text(ctx.event.message.text);
});
bot.errors$.subscribe(() => handlerErrors++);

const { port } = await bot.listen(0, '127.0.0.1');
serveChild(port, {
  stats: () => ({ ...bot.stats(), handlerErrors }),
});
