/**
 * The server under test: a messenger-rx Bot whose `message:text` handler echoes the text through
 * `ctx.reply.text`, replying to the stub Graph API. Run as a child of the bench runner.
 */
import { Bot, type Context } from '../../lib/bot/index.js';
import { MemorySessionStorage, session, type SessionFlavor } from '../../lib/session/index.js';
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

/** `--session=on`: the echo bot with session() on a MemorySessionStorage, counting each sender's messages. */
const withSession = argOf('session') === 'on';
const storage = new MemorySessionStorage<{ count: number }>();
type BenchContext = Context & SessionFlavor<{ count: number }>;

const bot = new Bot<BenchContext>({
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
if (withSession) bot.use(session({ initial: () => ({ count: 0 }), storage }));
bot.on('message:text', async (ctx) => {
  if (withSession) ctx.session.count += 1;
  await ctx.reply.text(ctx.event.message.text);
});
bot.errors$.subscribe(() => handlerErrors++);

const { port } = await bot.listen(0, '127.0.0.1');
serveChild(port, {
  stats: () => ({ ...bot.stats(), handlerErrors, sessions: storage.size }),
});
