/**
 * The playground's server without a browser: its files, its guards, its JSON API, the live feed (Server-Sent
 * Events) and the webhook relay, the start errors, and `npm run playground` as a process.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createServer, get, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Bot } from '../../lib/index.js';
import { messengerText } from '../../lib/emulator/index.js';
import type { TestableBot } from '../../lib/testkit/index.js';
import { PlaygroundStartError, startPlayground, type Playground } from '../../lib/playground/index.js';
import type { FeedEvent, Hello } from '../../lib/playground/types.js';

type Streamed = FeedEvent | Hello;

interface Answer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

function call(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const postJson = (url: string, body: unknown): Promise<Answer> =>
  call(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Reads the page's event stream until `done` says it has seen enough (or 5 s pass); answers every event. */
function readStream(url: string, done: (events: readonly Streamed[]) => boolean): Promise<Streamed[]> {
  return new Promise((resolve, reject) => {
    const events: Streamed[] = [];
    let buffer = '';
    const req = get(`${url}api/events`, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data !== '') events.push(JSON.parse(data) as Streamed);
          end = buffer.indexOf('\n\n');
        }
        if (done(events)) {
          clearTimeout(timer);
          req.destroy();
          resolve(events);
        }
      });
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`the stream ended the wait with ${JSON.stringify(events.map((e) => e.type))}`));
    }, 5_000);
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
  });
}

describe('playground server', function () {
  this.timeout(20_000);
  let playground: Playground;
  const ann = '8000000000000001';

  before(async () => {
    playground = await startPlayground({
      bot: (config) => {
        const bot = new Bot(config);
        bot.events$.subscribe((event) => {
          if (event.type === 'message' && event.message.text !== undefined && 'id' in event.sender) {
            // 600 two-byte characters: within the client's checks, over Instagram's 1000 bytes.
            const text = event.message.text === 'too long' ? 'é'.repeat(600) : event.message.text;
            bot.api.send.text(event.sender.id, `echo: ${text}`).catch(() => undefined);
          }
        });
        return bot;
      },
    });
  });
  after(async () => {
    await playground?.close();
  });

  it('serves the page and its files with their types, on 127.0.0.1 by default', async () => {
    assert.match(playground.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await call(playground.url);
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
    assert.match(page.body, /<label for="message" class="visually-hidden">Message<\/label>/);
    assert.match(String((await call(`${playground.url}app.js`)).headers['content-type']), /javascript/);
    assert.match(String((await call(`${playground.url}app.css`)).headers['content-type']), /text\/css/);
    assert.equal((await call(`${playground.url}nothing-here`)).status, 404);
  });

  it('refuses other host names, bodies that are not JSON, and bad actions with a reason', async () => {
    const foreign = await call(playground.url, { headers: { host: 'evil.example:80' } });
    assert.equal(foreign.status, 403);
    const form = await call(`${playground.url}api/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'type=text',
    });
    assert.equal(form.status, 415);
    const missing = await postJson(`${playground.url}api/actions`, {
      type: 'text',
      platform: 'messenger',
      userId: ann,
    });
    assert.equal(missing.status, 400);
    assert.match(missing.body, /text/);
    const nobody = await postJson(`${playground.url}api/actions`, {
      type: 'text',
      platform: 'messenger',
      userId: '42',
      text: 'hi',
    });
    assert.equal(nobody.status, 404);
    const comment = await postJson(`${playground.url}api/actions`, {
      type: 'comment',
      platform: 'messenger',
      userId: ann,
      text: 'hi',
    });
    assert.equal(comment.status, 400);
    assert.equal(
      (await postJson(`${playground.url}api/users`, { platform: 'messenger', name: 'Ann' })).status,
      409,
    );
    assert.equal(
      (await postJson(`${playground.url}api/users`, { platform: 'messenger', name: '<b>' })).status,
      400,
    );
    assert.equal((await call(`${playground.url}api/actions`)).status, 405);
  });

  it('streams the greeting, the users, then each webhook, its answer and the Graph call it caused', async () => {
    const stream = readStream(playground.url, (events) =>
      events.some(
        (e) =>
          e.type === 'graph' && e.item?.kind === 'message' && JSON.stringify(e.body).includes('hi there'),
      ),
    );
    const answer = await postJson(`${playground.url}api/actions`, {
      type: 'text',
      platform: 'messenger',
      userId: ann,
      text: 'hi there',
    });
    assert.deepEqual(JSON.parse(answer.body), { status: 200 });
    const events = await stream;
    assert.equal(events[0]?.type, 'hello');
    const names = events.filter((e) => e.type === 'user').map((e) => (e.type === 'user' ? e.user.name : ''));
    assert.deepEqual(names, ['Ann', 'Ben', 'cleo.ig']);
    const webhook = events.find((e) => e.type === 'webhook');
    assert.ok(webhook?.type === 'webhook');
    assert.deepEqual(webhook.items[0]?.conversation, { platform: 'messenger', userId: ann });
    assert.equal(webhook.items[0]?.kind === 'message' ? webhook.items[0].text : undefined, 'hi there');
    const status = events.find((e) => e.type === 'webhook-status' && e.seq === webhook.seq);
    assert.equal(status?.type === 'webhook-status' ? status.status : 0, 200);
    const graph = events.find((e) => e.type === 'graph');
    assert.ok(
      graph?.type === 'graph' && graph.seq > webhook.seq,
      'the webhook comes before the call it caused',
    );
    assert.equal(graph.status, 200);
  });

  it('relays every webhook the emulator sends, including bodies delivered directly', async () => {
    const stream = readStream(playground.url, (events) =>
      events.some((e) => e.type === 'webhook' && JSON.stringify(e.body).includes('sent directly')),
    );
    const { pageId } = playground.emulator.config;
    const result = await playground.emulator.deliver(
      messengerText({ pageId, psid: '7000000000004242', text: 'sent directly' }),
    );
    assert.equal(result.status, 200);
    const events = await stream;
    const adopted = events.find((e) => e.type === 'user' && e.user.id === '7000000000004242');
    assert.ok(adopted?.type === 'user', 'a user the playground did not create joins the list');
    assert.equal(adopted.user.name, 'User 4242');
  });

  it('shows what Graph refused: the error of a text over the limit', async () => {
    const stream = readStream(playground.url, (events) =>
      events.some((e) => e.type === 'graph' && e.status === 400),
    );
    await postJson(`${playground.url}api/actions`, {
      type: 'text',
      platform: 'instagram',
      userId: '5000000000000003',
      text: 'too long',
    });
    const events = await stream;
    const refused = events.find((e) => e.type === 'graph' && e.status === 400);
    assert.ok(refused?.type === 'graph' && refused.item?.kind === 'refused');
    assert.match(refused.item.error, /message\[text\] must be at most 1000 bytes/);
  });

  it('adds users and lets Instagram users comment and mention the account', async () => {
    const added = await postJson(`${playground.url}api/users`, { platform: 'instagram', name: 'dana.ig' });
    assert.equal(added.status, 201);
    const dana = JSON.parse(added.body) as { id: string };
    const stream = readStream(playground.url, (events) =>
      events.some(
        (e) =>
          e.type === 'webhook' &&
          e.items.some((i) => i.kind === 'comment' && i.variant === 'mention-caption'),
      ),
    );
    const mention = await postJson(`${playground.url}api/actions`, {
      type: 'mention_caption',
      platform: 'instagram',
      userId: dana.id,
      text: 'Look @emulated_account',
    });
    assert.equal(mention.status, 200);
    const events = await stream;
    const webhook = events.find((e) => e.type === 'webhook' && e.items.some((i) => i.kind === 'comment'));
    const item = webhook?.type === 'webhook' ? webhook.items[0] : undefined;
    assert.ok(item?.kind === 'comment');
    assert.deepEqual(item.conversation, { platform: 'instagram', userId: dana.id });
    assert.equal(item.text, 'Look @emulated_account');
  });
});

describe('playground start', function () {
  this.timeout(20_000);

  it('rejects with PlaygroundStartError naming the step when the bot file is missing or the bot fails', async () => {
    await assert.rejects(startPlayground({ bot: 'examples/no-such-bot.ts' }), (error: unknown) => {
      assert.ok(error instanceof PlaygroundStartError);
      assert.equal(error.step, 'bot');
      assert.match(error.message, /no-such-bot/);
      return true;
    });
    await assert.rejects(
      startPlayground({
        bot: () => {
          throw new Error('no token');
        },
      }),
      (error: unknown) =>
        error instanceof PlaygroundStartError && error.step === 'bot' && /no token/.test(error.message),
    );
  });

  it('records webhook status 0 with the reason when the bot cannot be reached', async () => {
    let server: Server | undefined;
    const stub: TestableBot = {
      listen: async (port, host) => {
        const listening = createServer((req, res) => {
          const challenge = new URL(req.url ?? '/', 'http://bot.local').searchParams.get('hub.challenge');
          req.resume();
          res.end(challenge ?? 'EVENT_RECEIVED');
        });
        server = listening;
        await new Promise<void>((resolve) => listening.listen(port, host, resolve));
        const { port: bound } = listening.address() as AddressInfo;
        return {
          url: `http://127.0.0.1:${bound}/webhook`,
          close: () => new Promise<void>((resolve) => listening.close(() => resolve())),
        };
      },
      stop: async () => undefined,
    };
    const playground = await startPlayground({ bot: () => stub });
    try {
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      const stream = readStream(playground.url, (events) => events.some((e) => e.type === 'webhook-status'));
      const delivery = await playground.emulator.user('8000000000000001').say('anyone there?');
      assert.equal(delivery.status, 500);
      const status = (await stream).find((e) => e.type === 'webhook-status');
      assert.ok(status?.type === 'webhook-status');
      assert.equal(status.status, 0);
      assert.match(status.error ?? '', /ECONNREFUSED/);
    } finally {
      await playground.close();
    }
  });

  it('npm run playground serves the page on PORT and prints its URL', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'lib/playground/main.ts', 'examples/menu.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (found?.[1] !== undefined) resolve(found[1]);
        });
        child.stderr.on('data', (chunk: Buffer) => reject(new Error(chunk.toString())));
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
      });
      const page = await call(url);
      assert.equal(page.status, 200);
      const events = await readStream(url, (e) => e.length > 0);
      assert.equal((events[0] as Hello).bot, 'examples/menu.ts');
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
