import assert from 'node:assert/strict';
import type { RequestListener, Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import Koa from 'koa';
import type { DecodeResult } from '../../lib/events/index.js';
import {
  DEFAULT_SERVER_LIMITS,
  WebhookConfigError,
  applyServerLimits,
  createWebhook,
  createWebhookServer,
  expressWebhook,
  fastifyWebhook,
  koaWebhook,
  nodeHandler,
  type WebhookServerOptions,
} from '../../lib/webhook/index.js';
import { Bot } from '../../lib/bot/index.js';
import { oneMessage, signedHeaders, SECRET, TOKEN } from './helpers.js';

/** What a raw client saw: every byte the server sent until it closed the connection. */
interface Seen {
  text: string;
  /** True when the server closed the connection while the client was still sending. */
  closedWhileSending: boolean;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
});

async function start(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A webhook that records what reached `onEvents`, served by `createWebhookServer` with `limits`. */
function webhookServer(limits: WebhookServerOptions = {}): { server: Server; delivered: DecodeResult[] } {
  const delivered: DecodeResult[] = [];
  const webhook = createWebhook({
    appSecret: SECRET,
    verifyToken: TOKEN,
    maxBodyBytes: 1024,
    onEvents: (result) => void delivered.push(result),
  });
  const server = createWebhookServer(nodeHandler(webhook, { path: '/webhook' }), {
    maxBodyBytes: webhook.maxBodyBytes,
    ...limits,
  });
  return { server, delivered };
}

/**
 * Opens a raw connection, lets `drive` write to it, and resolves with what the server sent once it closes the
 * connection. A client that never stops sending resolves only because the server hung up on it.
 */
function rawClient(port: number, drive: (socket: Socket) => void): Promise<Seen> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let sending = true;
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const closedWhileSending = sending;
      sending = false;
      resolve({ text, closedWhileSending });
    });
    socket.on('connect', () => drive(socket));
  });
}

/** Sends one more byte every few milliseconds, for as long as the connection is open. */
function trickle(socket: Socket, byte = 'a'): void {
  const timer = setInterval(() => {
    if (socket.destroyed || !socket.writable) clearInterval(timer);
    else socket.write(byte);
  }, 5);
  socket.on('close', () => clearInterval(timer));
}

/** A POST head for /webhook with the given extra header lines. */
function head(lines: readonly string[]): string {
  return ['POST /webhook HTTP/1.1', 'Host: 127.0.0.1', ...lines, '', ''].join('\r\n');
}

describe('the webhook server (createWebhookServer)', () => {
  it('has defaults that close slow clients well before Node’s ~330 s and cap connections', () => {
    const { server } = webhookServer();
    assert.equal(server.headersTimeout, DEFAULT_SERVER_LIMITS.headersTimeoutMs);
    assert.equal(server.requestTimeout, DEFAULT_SERVER_LIMITS.requestTimeoutMs);
    assert.equal(server.maxConnections, DEFAULT_SERVER_LIMITS.maxConnections);
    assert.deepEqual(
      {
        headersTimeoutMs: DEFAULT_SERVER_LIMITS.headersTimeoutMs,
        requestTimeoutMs: DEFAULT_SERVER_LIMITS.requestTimeoutMs,
        maxConnections: DEFAULT_SERVER_LIMITS.maxConnections,
      },
      { headersTimeoutMs: 10_000, requestTimeoutMs: 20_000, maxConnections: 1_000 },
    );
    // Meta gives up after 20 s: the whole request must be allowed no longer than that.
    assert.ok(DEFAULT_SERVER_LIMITS.requestTimeoutMs <= 20_000);
  });

  it('closes a client that trickles its body byte by byte, before it finished, and hands nothing on', async () => {
    const { server, delivered } = webhookServer({
      headersTimeoutMs: 100,
      requestTimeoutMs: 200,
      checkIntervalMs: 20,
    });
    const port = await start(server);
    const seen = await rawClient(port, (socket) => {
      socket.write(head(['Content-Type: application/json', 'Content-Length: 1000']));
      trickle(socket);
    });
    assert.equal(seen.closedWhileSending, true);
    assert.match(seen.text, /^HTTP\/1\.1 408 /);
    assert.equal(delivered.length, 0);
  });

  it('closes a client that sends half its headers and then nothing', async () => {
    const { server } = webhookServer({ headersTimeoutMs: 100, requestTimeoutMs: 200, checkIntervalMs: 20 });
    const port = await start(server);
    const seen = await rawClient(port, (socket) => socket.write('POST /webhook HTTP/1.1\r\nHost: x\r\n'));
    assert.match(seen.text, /^HTTP\/1\.1 408 /);
  });

  it('closes a client that sends its headers and then no body', async () => {
    const { server } = webhookServer({ headersTimeoutMs: 100, requestTimeoutMs: 200, checkIntervalMs: 20 });
    const port = await start(server);
    const seen = await rawClient(port, (socket) => socket.write(head(['Content-Length: 10'])));
    assert.match(seen.text, /^HTTP\/1\.1 408 /);
  });

  it('still answers a whole signed notification, as Meta sends it', async () => {
    const { server, delivered } = webhookServer({
      headersTimeoutMs: 100,
      requestTimeoutMs: 200,
      checkIntervalMs: 20,
    });
    const port = await start(server);
    const body = oneMessage('hello');
    const headers = Object.entries(signedHeaders(body)).map(([name, value]) => `${name}: ${value}`);
    const seen = await rawClient(port, (socket) => {
      socket.write(head([...headers, `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close']));
      socket.write(body);
    });
    assert.match(seen.text, /^HTTP\/1\.1 200 /);
    assert.equal(delivered.length, 1);
  });

  it('answers Expect: 100-continue over the limit with 413 and never invites the upload', async () => {
    const { server, delivered } = webhookServer();
    const port = await start(server);
    const seen = await rawClient(port, (socket) =>
      socket.write(head(['Expect: 100-continue', 'Content-Length: 1025'])),
    );
    assert.match(seen.text, /^HTTP\/1\.1 413 /);
    assert.doesNotMatch(seen.text, /100 Continue/);
    assert.equal(delivered.length, 0);
  });

  it('invites an upload within the limit with 100 Continue and then answers it as usual', async () => {
    const { server, delivered } = webhookServer();
    const port = await start(server);
    const body = oneMessage('after continue');
    const headers = Object.entries(signedHeaders(body)).map(([name, value]) => `${name}: ${value}`);
    const seen = await rawClient(port, (socket) => {
      socket.write(
        head([
          ...headers,
          'Expect: 100-continue',
          `Content-Length: ${Buffer.byteLength(body)}`,
          'Connection: close',
        ]),
      );
      // The body goes only after the invitation, as a careful client sends it.
      socket.once('data', () => socket.write(body));
    });
    assert.match(seen.text, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
    assert.equal(delivered.length, 1);
  });

  it('closes connections past maxConnections as they arrive, and keeps serving the others', async () => {
    const { server } = webhookServer({ maxConnections: 2 });
    const port = await start(server);
    const open: Socket[] = [];
    for (let i = 0; i < 2; i++) {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      open.push(socket);
      // The server has accepted it once it answers on it.
      await new Promise<void>((resolve) => {
        socket.once('data', () => resolve());
        socket.write('GET /webhook HTTP/1.1\r\nHost: x\r\n\r\n');
      });
    }
    const third = await rawClient(port, (socket) => socket.write('GET /webhook HTTP/1.1\r\nHost: x\r\n\r\n'));
    assert.equal(third.text, '', 'the connection over the cap is closed without an answer');
    const answered = new Promise<string>((resolve) => open[0]?.once('data', (d) => resolve(d.toString())));
    open[0]?.write('GET /webhook HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.match(await answered, /^HTTP\/1\.1 400 /);
    for (const socket of open) socket.destroy();
  });

  it('refuses unusable limits with a WebhookConfigError naming the option', () => {
    const listener: RequestListener = () => undefined;
    assert.throws(
      () => createWebhookServer(listener, { maxConnections: 0 }),
      (error: unknown) => {
        assert.ok(error instanceof WebhookConfigError);
        assert.equal(error.option, 'maxConnections');
        return true;
      },
    );
    assert.throws(
      () => createWebhookServer(listener, { headersTimeoutMs: 5_000, requestTimeoutMs: 1_000 }),
      (error: unknown) => error instanceof WebhookConfigError && error.option === 'headersTimeoutMs',
    );
  });

  it('applies the same limits to a server the user already has', async () => {
    const app = express();
    app.use(
      '/webhook',
      expressWebhook(createWebhook({ appSecret: SECRET, verifyToken: TOKEN, maxBodyBytes: 1024 })),
    );
    const server = applyServerLimits(app.listen(0, '127.0.0.1'), { maxBodyBytes: 1024, maxConnections: 10 });
    servers.push(server);
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', resolve)));
    assert.equal(server.maxConnections, 10);
    assert.equal(server.requestTimeout, DEFAULT_SERVER_LIMITS.requestTimeoutMs);
    const port = (server.address() as AddressInfo).port;
    const seen = await rawClient(port, (socket) =>
      socket.write(head(['Expect: 100-continue', 'Content-Length: 5000'])),
    );
    assert.match(seen.text, /^HTTP\/1\.1 413 /);
    assert.doesNotMatch(seen.text, /100 Continue/);
  });
});

describe('the framework adapters on createWebhookServer', () => {
  const webhook = () => createWebhook({ appSecret: SECRET, verifyToken: TOKEN, maxBodyBytes: 1024 });
  const limits = { maxBodyBytes: 1024, headersTimeoutMs: 100, requestTimeoutMs: 200, checkIntervalMs: 20 };

  async function expectLimits(server: Server): Promise<void> {
    const port = await start(server);
    const big = await rawClient(port, (socket) =>
      socket.write(head(['Expect: 100-continue', 'Content-Length: 5000'])),
    );
    assert.match(big.text, /^HTTP\/1\.1 413 /);
    assert.doesNotMatch(big.text, /100 Continue/);
    const slow = await rawClient(port, (socket) => {
      socket.write(head(['Content-Type: application/json', 'Content-Length: 1000']));
      trickle(socket);
    });
    assert.equal(slow.closedWhileSending, true);
  }

  it('express: createWebhookServer(app)', async () => {
    const app = express();
    app.use('/webhook', expressWebhook(webhook()));
    await expectLimits(createWebhookServer(app, limits));
  });

  it('koa: createWebhookServer(app.callback())', async () => {
    const app = new Koa();
    app.silent = true; // koa would print the 408 of the slow client
    app.use(koaWebhook(webhook(), { path: '/webhook' }));
    await expectLimits(createWebhookServer(app.callback(), limits));
  });

  it('fastify: serverFactory', async () => {
    let made: Server | undefined;
    const app = Fastify({
      serverFactory: (handler) => (made = createWebhookServer(handler, limits)),
    });
    await app.register(fastifyWebhook(webhook(), { path: '/webhook' }));
    await app.ready();
    assert.ok(made);
    await expectLimits(made);
    await app.close();
  });
});

describe('bot.listen() serves on createWebhookServer', () => {
  it('applies the default limits and the `server` option', async () => {
    const bot = new Bot({
      appSecret: SECRET,
      verifyToken: TOKEN,
      accessToken: 'TOKEN',
      graph: { baseUrl: 'http://127.0.0.1:1', retry: false },
      server: { maxConnections: 7 },
      logger: () => undefined,
    });
    const listening = await bot.listen(0, '127.0.0.1');
    try {
      assert.equal(listening.server.maxConnections, 7);
      assert.equal(listening.server.headersTimeout, DEFAULT_SERVER_LIMITS.headersTimeoutMs);
      assert.equal(listening.server.requestTimeout, DEFAULT_SERVER_LIMITS.requestTimeoutMs);
      const seen = await rawClient(listening.port, (socket) =>
        socket.write(head(['Expect: 100-continue', `Content-Length: ${8 * 1024 * 1024}`])),
      );
      assert.match(seen.text, /^HTTP\/1\.1 413 /);
      assert.doesNotMatch(seen.text, /100 Continue/);
    } finally {
      await bot.stop({ timeoutMs: 100 });
    }
  });
});
