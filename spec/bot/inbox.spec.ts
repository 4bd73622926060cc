import assert from 'node:assert/strict';
import { Bot, Context, type BotError, type BotOptions } from '../../lib/bot/index.js';
import { BotRoleError } from '../../lib/bot/errors.js';
import type { EventHandler, Inbox } from '../../lib/delivery/index.js';
import type { WebhookEvent } from '../../lib/events/index.js';
import type { GraphClient } from '../../lib/graph/index.js';
import { deferred, messagingBody, postbackEvent, textEvent, textItem, until, useBots } from './fixtures.js';
import { post } from './http.js';

/** An inbox that keeps what it is given and lets the spec decide when `accept` settles. */
class RecordingInbox implements Inbox {
  readonly accepted: WebhookEvent[] = [];
  handler: EventHandler | undefined;
  stopped = false;
  acceptWith: () => Promise<void> = () => Promise.resolve();

  async accept(events: readonly WebhookEvent[]): Promise<void> {
    await this.acceptWith();
    this.accepted.push(...events);
  }

  start(handler: EventHandler): void {
    this.handler = handler;
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }

  started(): boolean {
    return this.handler !== undefined;
  }
}

describe('Bot: the inbox seam, roles and handle()', () => {
  const makeBot = useBots();

  it('answers the webhook 200 only once inbox.accept resolved, and 500 when it rejects', async () => {
    const inbox = new RecordingInbox();
    const bot = makeBot({ inbox });
    const server = await bot.listen(0, '127.0.0.1');
    const gate = deferred();
    inbox.acceptWith = () => gate.promise;
    let answered = false;
    const answer = post(server.url, messagingBody([textItem('u1', 'kept')])).then((a) => {
      answered = true;
      return a;
    });
    await until(() => inbox.handler !== undefined);
    assert.equal(answered, false, 'no answer while the inbox has not taken the events');
    gate.resolve();
    assert.equal((await answer).status, 200);
    assert.deepEqual(
      inbox.accepted.map((e) => e.type),
      ['message'],
    );
    inbox.acceptWith = () => Promise.reject(new Error('store down'));
    const refused = await post(server.url, messagingBody([textItem('u1', 'lost?')]));
    assert.equal(refused.status, 500);
  });

  it('starts the inbox with handle() on listen(), and stops it on stop()', async () => {
    const inbox = new RecordingInbox();
    const bot = makeBot({ inbox });
    const seen: string[] = [];
    bot.on('message:text', (ctx) => {
      seen.push(ctx.event.message.text);
    });
    assert.equal(inbox.started(), false, 'nothing starts before listen() or start()');
    await bot.listen(0, '127.0.0.1');
    const handler: EventHandler | undefined = inbox.handler;
    assert.ok(handler);
    await handler(textEvent('u1', 'from elsewhere'));
    assert.deepEqual(seen, ['from elsewhere']);
    await bot.stop();
    assert.equal(inbox.stopped, true);
  });

  it('with another inbox, stats() and idle() follow the chains running in this process', async () => {
    const inbox = new RecordingInbox();
    const bot = makeBot({ inbox, role: 'worker' });
    const gate = deferred();
    bot.on('message', () => gate.promise);
    bot.start();
    const handler: EventHandler | undefined = inbox.handler;
    assert.ok(handler);
    const running = handler(textEvent('u1', 'a'));
    assert.deepEqual(bot.stats(), { conversations: 0, queued: 0, running: 1, backlog: 1, duplicates: 0 });
    let idle = false;
    const idling = bot.idle().then(() => (idle = true));
    await Promise.resolve();
    assert.equal(idle, false);
    gate.resolve();
    await Promise.all([running, idling]);
    assert.equal(bot.stats().running, 0);
  });

  it('a receiver serves the webhook and never starts handlers', async () => {
    const inbox = new RecordingInbox();
    const bot = makeBot({ inbox, role: 'receiver' });
    const server = await bot.listen(0, '127.0.0.1');
    assert.equal((await post(server.url, messagingBody([textItem('u1', 'queued')]))).status, 200);
    assert.equal(inbox.accepted.length, 1);
    assert.equal(inbox.started(), false);
    assert.throws(() => bot.start(), BotRoleError);
  });

  it('a worker runs handlers on start() and serves no webhook', async () => {
    const inbox = new RecordingInbox();
    const bot = makeBot({ inbox, role: 'worker' });
    const seen: string[] = [];
    bot.postback('P', () => {
      seen.push('postback');
    });
    await assert.rejects(bot.listen(0, '127.0.0.1'), BotRoleError);
    await assert.rejects(bot.receive([textEvent('u1', 'x')]), BotRoleError);
    bot.start();
    bot.start(); // a second call changes nothing
    assert.ok(inbox.handler);
    await inbox.handler(postbackEvent('u1', 'P'));
    assert.deepEqual(seen, ['postback']);
  });

  it('handle(event) runs the chain once with timeout, ctx.signal and errors$, and never rejects', async () => {
    const bot = makeBot({ handlerTimeoutMs: 20, role: 'worker' });
    const errors: BotError[] = [];
    bot.errors$.subscribe((error) => errors.push(error));
    const emitted: string[] = [];
    bot.events$.subscribe((event) => emitted.push(event.type));
    let signal: AbortSignal | undefined;
    bot.hears('stuck', (ctx) => {
      signal = ctx.signal;
      return new Promise(() => undefined);
    });
    bot.hears('boom', () => {
      throw new Error('boom');
    });
    await bot.handle(textEvent('u1', 'stuck'));
    await bot.handle(textEvent('u1', 'boom'));
    assert.deepEqual(
      errors.map((error) => `${error.kind} ${error.message.split(' on ')[0]}`),
      ['timeout handler hears("stuck") did not settle within 20 ms', 'handler handler hears("boom") failed'],
    );
    assert.equal(signal?.aborted, true);
    assert.deepEqual(emitted, ['message', 'message']);
  });

  it('the in-memory inbox is the default: stats() and idle() follow it, and events wait for their handlers', async () => {
    const bot = makeBot();
    const gate = deferred();
    bot.on('message', () => gate.promise);
    await bot.receive([textEvent('u1', 'a'), textEvent('u1', 'b'), textEvent('u2', 'c')]);
    await until(() => bot.stats().running === 2);
    assert.deepEqual(bot.stats(), { conversations: 2, queued: 1, running: 2, backlog: 3, duplicates: 0 });
    let idle = false;
    const idling = bot.idle().then(() => (idle = true));
    assert.equal(idle, false);
    gate.resolve();
    await idling;
    assert.equal(bot.stats().backlog, 0);
  });

  it('builds each context with the context option, so a bot can have its own context class', async () => {
    class ShopContext extends Context {
      constructor(event: WebhookEvent, api: GraphClient) {
        super(event, api);
      }
      get shopName(): string {
        return 'Rx Bistro';
      }
    }
    const options: Partial<BotOptions<ShopContext>> = { context: ShopContext, role: 'worker' };
    const bot = new Bot<ShopContext>({
      appSecret: 's',
      verifyToken: 'v',
      logger: () => undefined,
      ...options,
    });
    const seen: string[] = [];
    bot.on('message:text', (ctx) => {
      seen.push(`${ctx.shopName}: ${ctx.event.message.text}`);
    });
    await bot.handle(textEvent('u1', 'hi'));
    assert.deepEqual(seen, ['Rx Bistro: hi']);
    await bot.stop();
  });
});
