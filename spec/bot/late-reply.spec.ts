import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, BotHandlerTimeoutError, Context, type BotError } from '../../lib/bot/index.js';
import {
  DEFAULT_TIMEOUT_MS,
  HttpError,
  createRetryPolicy,
  defaultRetryPolicy,
  type GraphClientOptions,
} from '../../lib/graph/index.js';
import { SIGNATURE_HEADER, signBody } from '../../lib/webhook/index.js';
import { messagingBody, textItem } from './fixtures.js';

const SECRET = 'late-reply-secret';

/** One request the stub Graph API saw: the text it was asked to send and whether the handler had timed out. */
interface Seen {
  text: string;
  afterTimeout: boolean;
}

/**
 * A Graph API on loopback that records each Send API call and answers it as `behave` says: `hang` (never answers),
 * `reset` (drops the connection) or `ok`. Each hung call's connection closing is reported through `closed`.
 */
interface Stub {
  url: string;
  seen: Seen[];
  closed: Promise<void>;
  server: Server;
}

async function stubGraph(
  behave: (text: string, attempt: number) => 'hang' | 'reset' | 'ok',
  timedOut: () => boolean,
): Promise<Stub> {
  const seen: Seen[] = [];
  const attempts = new Map<string, number>();
  let onClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (onClosed = resolve));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { message?: { text?: string } };
      const text = body.message?.text ?? '';
      const attempt = (attempts.get(text) ?? 0) + 1;
      attempts.set(text, attempt);
      seen.push({ text, afterTimeout: timedOut() });
      const how = behave(text, attempt);
      if (how === 'reset') req.socket.destroy();
      else if (how === 'hang') res.on('close', onClosed);
      else {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ recipient_id: 'U1', message_id: `mid.${seen.length}` }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, closed, server };
}

/** The handler's context, whichever of `(event, ctx)` or `(ctx, next)` the Bot calls handlers with. */
function contextOf(...args: unknown[]): Context {
  const ctx = args.find((arg): arg is Context => arg instanceof Context);
  assert.ok(ctx, 'a handler gets its context');
  return ctx;
}

/** Posts one signed webhook with two messages of the same user, as Meta would. */
async function deliver(bot: Bot, texts: readonly string[]): Promise<void> {
  const body = JSON.stringify(messagingBody(texts.map((text) => textItem('U1', text))));
  const response = await bot.webhook.handle({
    method: 'POST',
    query: {},
    headers: { [SIGNATURE_HEADER]: signBody(body, SECRET), 'content-type': 'application/json' },
    body: Buffer.from(body),
  });
  assert.equal(response.status, 200);
}

describe('a timed-out handler sends nothing more to Meta', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  /** A bot on the stub whose handler replies with the text it got and records how each reply ended. */
  async function setUp(
    behave: (text: string, attempt: number) => 'hang' | 'reset' | 'ok',
    graph: GraphClientOptions = {},
  ) {
    let timedOut = false;
    const stub = await stubGraph(behave, () => timedOut);
    cleanup.push(
      () =>
        new Promise<void>((resolve) => {
          stub.server.close(() => resolve());
          stub.server.closeAllConnections();
        }),
    );
    const bot = new Bot({
      appSecret: SECRET,
      verifyToken: 'verify',
      accessToken: 'PAGE-TOKEN',
      graph: { baseUrl: stub.url, timeoutMs: 60_000, ...graph },
      handlerTimeoutMs: 100,
      logger: () => undefined,
    });
    cleanup.push(() => bot.stop({ timeoutMs: 100 }));
    const errors: BotError[] = [];
    bot.errors$.subscribe((error) => {
      if (error instanceof BotHandlerTimeoutError) timedOut = true;
      errors.push(error);
    });
    // How each text's reply ended ('sent' or its error), awaitable before the handler ran.
    const settled = new Map<string, (outcome: unknown) => void>();
    const ended = new Map<string, Promise<unknown>>();
    const outcomeOf = (text: string): Promise<unknown> => {
      let promise = ended.get(text);
      if (promise === undefined) {
        promise = new Promise((resolve) => settled.set(text, resolve));
        ended.set(text, promise);
      }
      return promise;
    };
    const outcomes = { get: outcomeOf };
    bot.on('message:text', (a: unknown, b: unknown) => {
      const ctx = contextOf(a, b);
      const event = ctx.event;
      assert.ok(event.type === 'message' && event.message.text !== undefined);
      const reply = ctx.reply.text(`re: ${event.message.text}`);
      const text = event.message.text;
      void outcomeOf(text);
      reply.then(
        () => settled.get(text)?.('sent'),
        (error: unknown) => settled.get(text)?.(error),
      );
      return reply;
    });
    return { bot, stub, errors, outcomes };
  }

  it('aborts the reply in flight when the handler times out; the next reply goes after, alone', async () => {
    const { bot, stub, errors, outcomes } = await setUp((text) => (text === 're: first' ? 'hang' : 'ok'));
    await deliver(bot, ['first', 'second']);
    // The hung call's connection is closed by the client: its signal aborted it.
    await stub.closed;
    const first = await outcomes.get('first');
    assert.ok(first instanceof HttpError);
    assert.equal(first.reason, 'aborted');
    assert.equal(await outcomes.get('second'), 'sent');
    assert.deepEqual(stub.seen, [
      { text: 're: first', afterTimeout: false },
      { text: 're: second', afterTimeout: true },
    ]);
    assert.ok(errors.some((error) => error instanceof BotHandlerTimeoutError));
  });

  it('aborts a retry waiting for its turn: no attempt of the timed-out reply reaches Meta after the timeout', async () => {
    const { bot, stub, outcomes } = await setUp((text) => (text === 're: first' ? 'reset' : 'ok'), {
      // The retry would wait a minute; the handler's time ends long before.
      retry: createRetryPolicy({ baseDelayMs: 60_000, jitter: 'none' }),
    });
    await deliver(bot, ['first', 'second']);
    const first = await outcomes.get('first');
    assert.ok(first instanceof HttpError);
    assert.equal(first.reason, 'network', 'the reply fails with the error that caused the wait');
    assert.equal(await outcomes.get('second'), 'sent');
    // The reply's promise has settled, so its retry loop is over: this list is final for 'first'.
    assert.deepEqual(
      stub.seen.filter((s) => s.text === 're: first'),
      [{ text: 're: first', afterTimeout: false }],
    );
    assert.ok(stub.seen.every((s) => s.text !== 're: first' || !s.afterTimeout));
  });
});

describe('the default Graph timeout, retries and handler timeout fit each other', () => {
  it('lets every attempt of a call and its backoff end inside the default 30 s handler timeout', () => {
    const handlerTimeoutMs = 30_000; // the Bot's default (README, "The Bot")
    const attempts = defaultRetryPolicy.maxRetries + 1;
    // The longest backoff the default policy draws before each retry (full jitter stays below it).
    let backoff = 0;
    const noJitter = createRetryPolicy({ jitter: 'none' });
    const transient = new HttpError({ reason: 'network', code: 'ECONNREFUSED', method: 'GET', path: 'me' });
    for (let attempt = 1; attempt <= defaultRetryPolicy.maxRetries; attempt++) {
      backoff += noJitter.delayMs(transient, attempt) ?? 0;
    }
    assert.equal(DEFAULT_TIMEOUT_MS, 6_000);
    assert.ok(
      attempts * DEFAULT_TIMEOUT_MS + backoff < handlerTimeoutMs,
      `${attempts} x ${DEFAULT_TIMEOUT_MS} ms + ${backoff} ms must end before ${handlerTimeoutMs} ms`,
    );
  });
});
