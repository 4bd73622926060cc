/**
 * The server under test: a messenger-rx Bot whose `message:text` handler echoes the text through
 * `ctx.reply.text`, replying to the stub Graph API. Run as a child of the bench runner.
 *
 * `--redis=<url> --role=receiver|worker|all` puts it on a RedisInbox (`--prefix`, default `bench`): a receiver only
 * serves the webhook, a worker serves none (it announces port 0) and handles what the receivers appended.
 */
import { Bot, type BotRole, type Context } from '../../lib/bot/index.js';
import type { Inbox } from '../../lib/delivery/index.js';
import { MemorySessionStorage, session, type SessionFlavor } from '../../lib/session/index.js';
import {
  ACCESS_TOKEN,
  APP_SECRET,
  QUEUE_LIMIT,
  SEND_CONCURRENCY,
  VERIFY_TOKEN,
  WEBHOOK_PATH,
} from '../lib/config.js';
import { argOf } from '../lib/args.js';
import { serveChild } from '../lib/ipc.js';

const graph = argOf('graph') ?? 'http://127.0.0.1:1';
let handlerErrors = 0;

/** `--session=on`: the echo bot with session() on a MemorySessionStorage, counting each sender's messages. */
const withSession = argOf('session') === 'on';
const storage = new MemorySessionStorage<{ count: number }>();
type BenchContext = Context & SessionFlavor<{ count: number }>;

const redisUrl = argOf('redis');
const roleArg = argOf('role') ?? 'all';
if (roleArg !== 'all' && roleArg !== 'receiver' && roleArg !== 'worker') {
  throw new Error(`--role must be all, receiver or worker, got ${roleArg}`);
}
const role: BotRole = roleArg;
let inbox: Inbox | undefined;
if (redisUrl !== undefined) {
  const { RedisInbox } = await import('../../lib/redis/index.js');
  inbox = new RedisInbox({ redis: redisUrl, prefix: argOf('prefix') ?? 'bench' });
}

const bot = new Bot<BenchContext>({
  appSecret: APP_SECRET,
  verifyToken: VERIFY_TOKEN,
  accessToken: ACCESS_TOKEN,
  graph: { baseUrl: graph },
  concurrency: SEND_CONCURRENCY,
  maxQueued: QUEUE_LIMIT,
  path: WEBHOOK_PATH,
  ...(inbox === undefined ? {} : { inbox, role }),
  // Dedup stays on (its default) as part of the real cost; `--dedup=off` is for diagnosis only.
  ...(argOf('dedup') === 'off' ? { dedup: false as const } : {}),
});
if (withSession) bot.use(session({ initial: () => ({ count: 0 }), storage }));
bot.on('message:text', async (ctx) => {
  if (withSession) ctx.session.count += 1;
  await ctx.reply.text(ctx.event.message.text);
});
bot.errors$.subscribe(() => handlerErrors++);

let port = 0;
if (role === 'worker') bot.start();
else ({ port } = await bot.listen(0, '127.0.0.1'));
serveChild(port, {
  stats: () => ({ ...bot.stats(), handlerErrors, sessions: storage.size }),
});
