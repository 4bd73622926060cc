/**
 * The faults of issue #12, measured with the default settings on loopback: a Graph API that answers after 15 s,
 * a handler still replying when its 30 s are over, slow clients on the webhook server and `Expect: 100-continue`
 * over the limit. `npx tsx bench/faults.ts` runs all (about two and a half minutes of wall time); `clients` or
 * `late` as argument runs that part alone. Prints one line per figure.
 */
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Bot, Context } from '../lib/bot/index.js';
import { createRetryPolicy, type GraphClientOptions } from '../lib/graph/index.js';
import { SIGNATURE_HEADER, closeServer, listenOn, signBody } from '../lib/webhook/index.js';

const SECRET = 'faults-secret';
const PAGE = '1000';

/** One Send API call the stub saw: the text, when it arrived, and whether the client hung up before the answer. */
interface Call {
  text: string;
  at: number;
  abandoned: boolean;
  /** When the connection of an abandoned call closed. */
  closedAt: number;
}

/** A Graph API that answers every Send API call after `delayMs` (never when Infinity), recording each call. */
async function slowGraph(delayMs: number): Promise<{ url: string; calls: Call[]; server: Server }> {
  const calls: Call[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { message?: { text?: string } };
      const call: Call = {
        text: body.message?.text ?? '(action)',
        at: performance.now(),
        abandoned: false,
        closedAt: 0,
      };
      calls.push(call);
      res.on('close', () => {
        call.abandoned = !res.writableFinished;
        call.closedAt = performance.now();
      });
      if (delayMs === Infinity) return;
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ recipient_id: 'U', message_id: `m_${calls.length}` }));
      }, delayMs).unref();
    });
  });
  const { port } = await listenOn(server, 0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, calls, server };
}

/** The context of a handler, whichever argument order the Bot uses. */
function contextOf(...args: unknown[]): Context {
  const ctx = args.find((arg): arg is Context => arg instanceof Context);
  if (ctx === undefined) throw new Error('no context');
  return ctx;
}

/** Posts one signed webhook carrying a text message per (user, text) pair. */
async function deliver(bot: Bot, messages: readonly [string, string][]): Promise<void> {
  const body = JSON.stringify({
    object: 'page',
    entry: [
      {
        id: PAGE,
        time: Date.now(),
        messaging: messages.map(([user, text], i) => ({
          sender: { id: user },
          recipient: { id: PAGE },
          timestamp: Date.now() + i,
          message: { mid: `m_${user}_${text}_${Math.random()}`, text },
        })),
      },
    ],
  });
  await bot.webhook.handle({
    method: 'POST',
    query: {},
    headers: { [SIGNATURE_HEADER]: signBody(body, SECRET) },
    body: Buffer.from(body),
  });
}

/**
 * Ten users each send two messages while every Graph answer takes 15 s; the bot echoes each. Reports how many
 * copies of each reply Graph took and when the second message of a user was answered.
 */
async function slowGraphDuplicates(label: string, graph: GraphClientOptions): Promise<void> {
  const stub = await slowGraph(15_000);
  const bot = new Bot({
    appSecret: SECRET,
    verifyToken: 'v',
    accessToken: 'TOKEN',
    graph: { baseUrl: stub.url, ...graph },
    logger: () => undefined,
  });
  let failed = 0;
  bot.errors$.subscribe(() => (failed += 1));
  bot.on('message:text', (a: unknown, b: unknown) => {
    const ctx = contextOf(a, b);
    return ctx.reply.text(`${String((ctx.event as { message: { text: string } }).message.text)}`);
  });
  const start = performance.now();
  const users = Array.from({ length: 10 }, (_, i) => `U${i}`);
  await deliver(
    bot,
    users.flatMap((u) => [
      [u, `first ${u}`],
      [u, `second ${u}`],
    ]) as [string, string][],
  );
  while (stub.calls.filter((c) => c.text.startsWith('second')).length < 10) await pause(50);
  const firstSecond = stub.calls.find((c) => c.text.startsWith('second'));
  // Let every retry of every first reply have its chance (the handler timeout is 30 s).
  await pause(31_000);
  const copies = new Map<string, number>();
  for (const call of stub.calls) copies.set(call.text, (copies.get(call.text) ?? 0) + 1);
  const perFirst = users.map((u) => copies.get(`first ${u}`) ?? 0);
  const arrivals = stub.calls
    .filter((c) => c.text === 'first U0')
    .map((c) => `+${((c.at - start) / 1000).toFixed(1)}`);
  console.log(
    `${label}: copies Graph took per first reply ${Math.min(...perFirst)}-${Math.max(...perFirst)} ` +
      `(first U0 at ${arrivals.join(', ')} s); second message of a user reached Graph at ` +
      `+${firstSecond === undefined ? '?' : ((firstSecond.at - start) / 1000).toFixed(1)} s; ` +
      `${failed} handler errors in errors$`,
  );
  await bot.stop({ timeoutMs: 100 });
  await closeServer(stub.server, { force: true });
}

/**
 * One user's first handler works 25 s, then replies into a Graph API that never answers; the second message
 * follows. Reports every call of the first handler with its time, and when the second reply reached Graph.
 */
async function lateReply(): Promise<void> {
  const stub = await slowGraph(Infinity);
  const bot = new Bot({
    appSecret: SECRET,
    verifyToken: 'v',
    accessToken: 'TOKEN',
    graph: { baseUrl: stub.url, retry: createRetryPolicy({ retryAmbiguous: true }) },
    logger: () => undefined,
  });
  bot.on('message:text', async (a: unknown, b: unknown) => {
    const ctx = contextOf(a, b);
    const text = String((ctx.event as { message: { text: string } }).message.text);
    if (text === 'first') await pause(25_000);
    await ctx.reply.text(text);
  });
  const start = performance.now();
  await deliver(bot, [
    ['U', 'first'],
    ['U', 'second'],
  ]);
  while (!stub.calls.some((c) => c.text === 'second')) await pause(50);
  await pause(20_000); // long enough for any retry of the first reply to show
  const line = stub.calls
    .map((c) => {
      const closed = c.abandoned ? ` (client hung up at +${((c.closedAt - start) / 1000).toFixed(1)} s)` : '';
      return `${c.text} +${((c.at - start) / 1000).toFixed(1)} s${closed}`;
    })
    .join('; ');
  console.log(`late reply (handler 30 s, Graph never answers, retryAmbiguous true): ${line}`);
  await bot.stop({ timeoutMs: 100 });
  await closeServer(stub.server, { force: true });
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Opens a raw client that `drive`s the connection; resolves with the first bytes and when the server closed it. */
function rawClient(
  port: number,
  drive: (socket: Socket) => void,
): Promise<{ first: string; closedAt: number }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ first: text.split('\r\n')[0] ?? '', closedAt: performance.now() }));
    socket.on('connect', () => drive(socket));
  });
}

/** 200 slow clients (a body one byte every 5 s, or headers then silence) and an oversized Expect upload. */
async function slowClients(): Promise<void> {
  const bot = new Bot({
    appSecret: SECRET,
    verifyToken: 'v',
    accessToken: 'TOKEN',
    graph: { baseUrl: 'http://127.0.0.1:1', retry: false },
    logger: () => undefined,
  });
  const { port, server } = await bot.listen(0, '127.0.0.1');
  let peak = 0;
  const probe = setInterval(() => server.getConnections((_e, n) => (peak = Math.max(peak, n))), 100);
  const start = performance.now();
  const head =
    'POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n';
  const clients = Array.from({ length: 200 }, (_, i) =>
    rawClient(port, (socket) => {
      if (i % 2 === 0) {
        socket.write(`${head}\r\n`);
        const timer = setInterval(() => (socket.writable ? socket.write('a') : clearInterval(timer)), 5_000);
        socket.on('close', () => clearInterval(timer));
      } else socket.write(head); // headers never finished
    }),
  );
  const expect = await rawClient(port, (socket) =>
    socket.write(
      'POST /webhook HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 8388608\r\n\r\n',
    ),
  );
  const done = await Promise.all(clients);
  clearInterval(probe);
  const trickle = done.filter((_, i) => i % 2 === 0).map((d) => (d.closedAt - start) / 1000);
  const silent = done.filter((_, i) => i % 2 === 1).map((d) => (d.closedAt - start) / 1000);
  const range = (xs: number[]): string => `${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)} s`;
  console.log(
    `slow clients (defaults): 100 trickling bodies closed after ${range(trickle)} (${done[0]?.first}); ` +
      `100 unfinished headers closed after ${range(silent)} (${done[1]?.first}); peak connections ${peak}`,
  );
  console.log(`Expect: 100-continue with 8 MiB declared: first line "${expect.first}"`);
  await bot.stop({ timeoutMs: 100 });
}

const only = process.argv[2];
if (only === undefined || only === 'clients') await slowClients();
if (only === undefined || only === 'late') await lateReply();
if (only !== undefined) process.exit(0);
await slowGraphDuplicates('Graph answers after 15 s, defaults', {});
await slowGraphDuplicates('Graph answers after 15 s, retryAmbiguous: true', {
  retry: createRetryPolicy({ retryAmbiguous: true }),
});
