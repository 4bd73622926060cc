import assert from 'node:assert/strict';
import { lastValueFrom, toArray } from 'rxjs';
import { BotHandlerError, BotHandlerTimeoutError, on } from '../../lib/bot/index.js';
import type { BotError } from '../../lib/bot/index.js';
import { BotContextError, BotDecodeError, BotOverflowError, BotStoppedError } from '../../lib/bot/errors.js';
import { MemoryDedupStore } from '../../lib/delivery/index.js';
import { decodeWebhook, type WebhookEvent } from '../../lib/events/index.js';
import { signBody } from '../../lib/webhook/index.js';
import {
  APP_SECRET,
  deferred,
  delay,
  echoEvent,
  messagingBody,
  postbackEvent,
  standbyTextEvent,
  textEvent,
  textItem,
  until,
  useBots,
} from './fixtures.js';

function textOf(event: WebhookEvent): string {
  return event.type === 'message' ? (event.message.text ?? '') : event.type;
}

describe('Bot delivery', () => {
  const makeBot = useBots();

  describe('acknowledging before handling', () => {
    it("answers the webhook's 200 before any handler starts, even a handler that never awaits", async () => {
      const bot = makeBot();
      const started: string[] = [];
      bot.on('message:text', (ctx) => {
        started.push(ctx.event.message.text); // synchronous: no await before this line
      });
      const body = Buffer.from(JSON.stringify(messagingBody([textItem('u1', 'one'), textItem('u2', 'two')])));
      const response = await bot.webhook.handle({
        method: 'POST',
        query: {},
        headers: { 'x-hub-signature-256': signBody(body, APP_SECRET) },
        body,
      });
      assert.equal(response.status, 200);
      assert.deepEqual(started, [], 'no handler ran before the 200 was returned');
      await until(() => started.length === 2);
      assert.deepEqual(started, ['one', 'two']);
    });

    it('still hands over events accepted just before stop()', async () => {
      const bot = makeBot();
      const seen: string[] = [];
      bot.on('message:text', (ctx) => {
        seen.push(ctx.event.message.text);
      });
      void bot.receive([textEvent('u1', 'last words')]);
      const result = await bot.stop({ timeoutMs: 1000 });
      assert.equal(result.drained, true);
      assert.deepEqual(seen, ['last words']);
    });
  });

  describe('ordering and concurrency', () => {
    it('runs the handlers of one conversation one at a time, in webhook order', async () => {
      const bot = makeBot();
      const log: string[] = [];
      bot.on('message:text', async (ctx) => {
        log.push(`start ${ctx.event.message.text}`);
        await delay(ctx.event.message.text === 'first' ? 20 : 1);
        log.push(`end ${ctx.event.message.text}`);
      });
      void bot.receive([textEvent('u1', 'first'), textEvent('u1', 'second'), textEvent('u1', 'third')]);
      await until(() => log.length === 6);
      assert.deepEqual(log, [
        'start first',
        'end first',
        'start second',
        'end second',
        'start third',
        'end third',
      ]);
    });

    it('runs different conversations concurrently', async () => {
      const bot = makeBot();
      const gate = deferred();
      const started: string[] = [];
      bot.on('message:text', async (ctx) => {
        started.push(ctx.event.message.text);
        await gate.promise;
      });
      void bot.receive([textEvent('u1', 'a'), textEvent('u2', 'b'), textEvent('u3', 'c')]);
      await until(() => started.length === 3);
      assert.equal(bot.stats().running, 3);
      gate.resolve();
      await until(() => bot.stats().backlog === 0);
    });

    it('caps the conversations handled at once at `concurrency`, the rest wait their turn', async () => {
      const bot = makeBot({ concurrency: 2 });
      const gate = deferred();
      const started: string[] = [];
      bot.on('message:text', async (ctx) => {
        started.push(ctx.event.message.text);
        await gate.promise;
      });
      void bot.receive(['a', 'b', 'c', 'd'].map((text, n) => textEvent(`u${n}`, text)));
      await until(() => started.length === 2);
      await delay(10);
      assert.deepEqual(started, ['a', 'b']);
      assert.deepEqual(
        { running: bot.stats().running, queued: bot.stats().queued },
        { running: 2, queued: 2 },
      );
      gate.resolve();
      await until(() => started.length === 4);
      assert.deepEqual(started, ['a', 'b', 'c', 'd']);
    });

    it('the 200 is not held back by handlers: handle() returns before any handler finishes', async () => {
      const bot = makeBot();
      const gate = deferred();
      let finished = false;
      bot.on('message', async () => {
        await gate.promise;
        finished = true;
      });
      // Awaited: were receive() to wait for the handler, the gate would never open and the spec would time out.
      await bot.receive([textEvent('u1', 'x')]);
      assert.equal(finished, false);
      gate.resolve();
      await until(() => finished);
    });
  });

  describe('one chain per event', () => {
    it('runs the chain in registration order: the first match ends it unless it calls next(); use() last is the fallback', async () => {
      const bot = makeBot();
      const log: string[] = [];
      bot.on('message', async (ctx, next) => {
        await delay(5);
        log.push(`on message ${ctx.event.message.text ?? ''}`);
        await next();
      });
      bot.hears('hi', () => {
        log.push('hears hi');
      });
      bot.on('postback', () => {
        log.push('postback');
      });
      bot.on(['message:text', 'postback'], (ctx) => {
        log.push(`on [text, postback] ${ctx.event.type}`);
      });
      bot.use((ctx) => {
        log.push(`fallback ${ctx.event.type}`);
      });
      void bot.receive([textEvent('u1', 'hi'), textEvent('u1', 'hello'), postbackEvent('u1', 'P')]);
      void bot.receive([echoEvent('u1', 'sent')]);
      await until(() => bot.stats().backlog === 0);
      assert.deepEqual(log, [
        'on message hi',
        'hears hi',
        'on message hello',
        'on [text, postback] message',
        'postback',
        'fallback echo',
      ]);
    });
  });

  describe('error isolation', () => {
    it('sends a throwing or rejecting handler to errors$ with its event and registration; later events still run', async () => {
      const bot = makeBot();
      const errors: BotError[] = [];
      bot.errors$.subscribe((error) => errors.push(error));
      const handled: string[] = [];
      bot.on('message:text', async (ctx, next) => {
        if (ctx.event.message.text === 'sync') throw new Error('sync failure');
        await next();
      });
      bot.hears(/async|fine/, async (ctx) => {
        if (ctx.event.message.text === 'async') throw new Error('async failure');
        handled.push(ctx.event.message.text);
      });
      bot.use(() => {
        handled.push('fallback');
      });
      const events = [textEvent('u1', 'sync'), textEvent('u1', 'async'), textEvent('u1', 'fine')];
      void bot.receive(events);
      await until(() => bot.stats().backlog === 0);
      assert.deepEqual(handled, ['fine']);
      assert.equal(errors.length, 2);
      const [first, second] = errors;
      assert.ok(first instanceof BotHandlerError && second instanceof BotHandlerError);
      assert.equal(first.event, events[0]);
      assert.equal((first.error as Error).message, 'sync failure');
      assert.match(first.message, /on\("message:text"\) failed on a 'message' event/);
      assert.equal(second.event, events[1]);
      assert.equal(second.registration, 'hears(/async|fine/)');
    });

    it('logs failures with the default or given logger while nobody subscribes to errors$', async () => {
      const logged: BotError[] = [];
      const bot = makeBot({ logger: (error) => logged.push(error) });
      bot.on('message', () => {
        throw new Error('nobody listens');
      });
      void bot.receive([textEvent('u1', 'x')]);
      await until(() => logged.length === 1);
      assert.equal(logged[0]?.kind, 'handler');
    });

    it('sends a handler that throws a non-Error value (string, object, undefined) to errors$ with that value', async () => {
      const bot = makeBot();
      const errors: BotError[] = [];
      bot.errors$.subscribe((error) => errors.push(error));
      const thrown: unknown[] = ['plain string', { code: 42 }, undefined];
      bot.on('message:text', (ctx) => {
        throw thrown[Number(ctx.event.message.text)];
      });
      void bot.receive(['0', '1', '2'].map((n) => textEvent('u1', n)));
      await until(() => bot.stats().backlog === 0);
      assert.equal(errors.length, 3);
      errors.forEach((error, i) => {
        assert.ok(error instanceof BotHandlerError);
        assert.equal(error.error, thrown[i]);
      });
      assert.match(errors[0]?.message ?? '', /: plain string$/);
      assert.match(errors[1]?.message ?? '', /: non-Error value thrown$/);
    });

    it('writes one line per failure to console.error by default while nobody subscribes to errors$', async () => {
      const bot = makeBot({ logger: undefined });
      const lines: string[] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
      try {
        bot.on('message', () => {
          throw new Error('nobody listens');
        });
        void bot.receive([textEvent('u1', 'x')]);
        await until(() => lines.length === 1);
      } finally {
        console.error = original;
      }
      assert.match(
        lines[0] ?? '',
        /^\[messenger-rx\] BotHandlerError: handler on\("message"\) failed .*nobody listens$/,
      );
      assert.doesNotMatch(lines[0] ?? '', /TOKEN|app-secret/);
    });

    it('keeps going after a failure: events$ has not completed and later events are handled', async () => {
      const bot = makeBot();
      let completed = false;
      bot.events$.subscribe({ complete: () => (completed = true) });
      const seen: string[] = [];
      bot.on('message:text', (ctx) => {
        seen.push(ctx.event.message.text);
        if (ctx.event.message.text === 'boom') throw new Error('boom');
      });
      void bot.receive([textEvent('u1', 'boom')]);
      await until(() => seen.length === 1);
      void bot.receive([textEvent('u1', 'after')]);
      await until(() => seen.length === 2);
      assert.equal(completed, false);
    });

    it('sends decode issues of a webhook body to errors$ as BotDecodeError while the good items are handled', async () => {
      const bot = makeBot();
      const errors: BotError[] = [];
      bot.errors$.subscribe((error) => errors.push(error));
      const handled: string[] = [];
      bot.on('message:text', (ctx) => {
        handled.push(ctx.event.message.text);
      });
      const body = messagingBody([
        textItem('u1', 'good'),
        { sender: { id: 'u1' }, recipient: { id: '1000' }, timestamp: 'x', message: 42 },
      ]);
      const result = decodeWebhook(body);
      assert.ok(result.errors.length > 0);
      void bot.receive(result);
      await until(() => handled.length === 1);
      assert.ok(errors.every((error) => error instanceof BotDecodeError));
      assert.equal(errors.length, result.errors.length);
    });
  });

  describe('handlers that never settle (handlerTimeoutMs)', () => {
    it('reports a stuck handler as BotHandlerTimeoutError with its event and releases the conversation', async () => {
      const bot = makeBot({ handlerTimeoutMs: 20 });
      const errors: BotError[] = [];
      bot.errors$.subscribe((error) => errors.push(error));
      const handled: string[] = [];
      bot.on('message:text', (ctx, next) => {
        if (ctx.event.message.text === 'stuck') return new Promise<void>(() => undefined);
        handled.push(ctx.event.message.text);
        return next();
      });
      bot.on('message:text', (ctx) => {
        handled.push(`after ${ctx.event.message.text}`);
      });
      const stuck = textEvent('u1', 'stuck');
      void bot.receive([stuck, textEvent('u1', 'next')]);
      await until(() => handled.length === 2);
      assert.deepEqual(handled, ['next', 'after next']);
      assert.equal(errors.length, 1);
      const [error] = errors;
      assert.ok(error instanceof BotHandlerTimeoutError);
      assert.equal(error.kind, 'timeout');
      assert.equal(error.event, stuck);
      assert.equal(error.timeoutMs, 20);
      assert.match(error.message, /on\("message:text"\) did not settle within 20 ms on a 'message' event/);
      assert.equal(bot.stats().backlog, 0);
    });

    it('reports a timed-out handler once, ignoring its late rejection', async () => {
      const bot = makeBot({ handlerTimeoutMs: 10 });
      const errors: BotError[] = [];
      bot.errors$.subscribe((error) => errors.push(error));
      bot.on('message', async () => {
        await delay(40);
        throw new Error('too late');
      });
      void bot.receive([textEvent('u1', 'slow')]);
      await until(() => errors.length === 1);
      await delay(60);
      assert.deepEqual(
        errors.map((error) => error.kind),
        ['timeout'],
      );
    });

    it('waits for a slow handler as long as it takes when the timeout is off (false or 0)', async () => {
      for (const handlerTimeoutMs of [false, 0] as const) {
        const bot = makeBot({ handlerTimeoutMs });
        const errors: BotError[] = [];
        bot.errors$.subscribe((error) => errors.push(error));
        const log: string[] = [];
        bot.on('message:text', async (ctx) => {
          if (ctx.event.message.text === 'slow') await delay(30);
          log.push(ctx.event.message.text);
        });
        void bot.receive([textEvent('u1', 'slow'), textEvent('u1', 'next')]);
        await until(() => log.length === 2);
        assert.deepEqual(log, ['slow', 'next']);
        assert.deepEqual(errors, []);
      }
    });

    it('aborts ctx.signal of a timed-out handler with the timeout as reason, and only of that one', async () => {
      const bot = makeBot({ handlerTimeoutMs: 20 });
      const signals = new Map<string, AbortSignal>();
      let reason: unknown;
      bot.on('message:text', async (ctx) => {
        signals.set(ctx.event.message.text, ctx.signal);
        if (ctx.event.message.text !== 'stuck') return;
        reason = await new Promise((resolve) => {
          ctx.signal.addEventListener('abort', () => resolve(ctx.signal.reason));
        });
      });
      void bot.receive([textEvent('u1', 'stuck'), textEvent('u1', 'quick')]);
      await until(() => reason !== undefined && signals.has('quick'));
      assert.ok(reason instanceof BotHandlerTimeoutError);
      assert.equal(signals.get('stuck')?.aborted, true);
      assert.equal(signals.get('quick')?.aborted, false);
    });

    it('refuses ctx.reply after the timeout instead of sending behind the next event, and says why', async () => {
      const sent: string[] = [];
      const bot = makeBot({
        handlerTimeoutMs: 20,
        graph: {
          retry: false,
          fetch: async (_url, init) => {
            sent.push((JSON.parse(String(init.body)) as { message: { text: string } }).message.text);
            return new Response(JSON.stringify({ recipient_id: 'u1', message_id: `m_${sent.length}` }));
          },
        },
      });
      let late: unknown;
      bot.on('message:text', async (ctx) => {
        if (ctx.event.message.text === 'slow') {
          await delay(60);
          late = await ctx.reply.text('slow answer').catch((error: unknown) => error);
          return;
        }
        await ctx.reply.text(`answer to ${ctx.event.message.text}`);
      });
      void bot.receive([textEvent('u1', 'slow'), textEvent('u1', 'next')]);
      await until(() => late !== undefined);
      assert.deepEqual(sent, ['answer to next']);
      assert.ok(late instanceof BotContextError);
      assert.match(late.message, /reply\.text.*time is over.*did not settle within 20 ms/);
    });

    it('leaves a handler that settles in time alone', async () => {
      const bot = makeBot({ handlerTimeoutMs: 200 });
      const errors: BotError[] = [];
      bot.errors$.subscribe((error) => errors.push(error));
      let done = false;
      bot.on('message', async () => {
        await delay(5);
        done = true;
      });
      void bot.receive([textEvent('u1', 'x')]);
      await until(() => done && bot.stats().backlog === 0);
      assert.deepEqual(errors, []);
    });
  });

  describe('redeliveries', () => {
    it('handles a redelivered event (same mid) once within the window', async () => {
      const bot = makeBot();
      let calls = 0;
      bot.on('message', () => {
        calls += 1;
      });
      const event = textEvent('u1', 'once', { mid: 'm_same' });
      void bot.receive([event]);
      void bot.receive([textEvent('u1', 'once', { mid: 'm_same' })]);
      await until(() => bot.stats().backlog === 0);
      assert.equal(calls, 1);
      assert.equal(bot.stats().duplicates, 1);
    });

    it('handles the same item again once the window has passed', async () => {
      let now = 0;
      const bot = makeBot({ dedup: { store: new MemoryDedupStore({ now: () => now }), windowMs: 1000 } });
      let calls = 0;
      bot.on('postback', () => {
        calls += 1;
      });
      const event = postbackEvent('u1', 'START');
      void bot.receive([event]);
      now = 500;
      void bot.receive([event]);
      await until(() => bot.stats().backlog === 0);
      assert.equal(calls, 1);
      now = 1500;
      void bot.receive([event]);
      await until(() => bot.stats().backlog === 0);
      assert.equal(calls, 2);
    });

    it('uses the given dedup store, asynchronous ones included', async () => {
      const keys: string[] = [];
      const bot = makeBot({
        dedup: {
          store: {
            seen: async (key) => {
              const was = keys.includes(key);
              keys.push(key);
              return was;
            },
          },
        },
      });
      const texts: string[] = [];
      bot.on('message:text', (ctx) => {
        texts.push(ctx.event.message.text);
      });
      void bot.receive([
        textEvent('u1', 'a', { mid: 'm_a' }),
        textEvent('u1', 'a', { mid: 'm_a' }),
        textEvent('u1', 'b'),
      ]);
      await until(() => texts.length === 2 && bot.stats().backlog === 0);
      assert.deepEqual(texts, ['a', 'b']);
      assert.equal(keys.length, 3);
    });

    it('handles every copy when dedup is off', async () => {
      const bot = makeBot({ dedup: false });
      let calls = 0;
      bot.on('message', () => {
        calls += 1;
      });
      void bot.receive([textEvent('u1', 'x', { mid: 'm_dup' }), textEvent('u1', 'x', { mid: 'm_dup' })]);
      await until(() => calls === 2);
    });
  });

  describe('echoes and standby', () => {
    it('never gives echoes or standby events to message handlers, hears or command', async () => {
      const bot = makeBot();
      const got: string[] = [];
      bot.on('message', (ctx) => {
        got.push(`message ${textOf(ctx.event)}`);
      });
      bot.on('message:text', (ctx) => {
        got.push(`text ${ctx.event.message.text}`);
      });
      bot.hears(/.*/, (ctx) => {
        got.push(`hears ${ctx.event.message.text}`);
      });
      bot.command('start', () => {
        got.push('command');
      });
      void bot.receive([echoEvent('u1', '/start'), standbyTextEvent('u2', '/start')]);
      await until(() => bot.stats().backlog === 0);
      assert.deepEqual(got, []);
    });

    it('gives them to handlers that ask by query: echo and standby', async () => {
      const bot = makeBot();
      const got: string[] = [];
      bot.on('echo', (ctx) => {
        got.push(`echo ${ctx.event.message.text ?? ''}`);
      });
      bot.on('standby', (ctx) => {
        got.push(`standby ${textOf(ctx.event)}`);
      });
      void bot.receive([echoEvent('u1', 'sent'), standbyTextEvent('u2', 'other app')]);
      await until(() => got.length === 2);
      assert.deepEqual(got.sort(), ['echo sent', 'standby other app']);
    });
  });

  describe('events$', () => {
    it('emits every distinct event, composable with the on() operator', async () => {
      const bot = makeBot();
      const texts = lastValueFrom(bot.events$.pipe(on('message:text'), toArray()));
      const all = lastValueFrom(bot.events$.pipe(toArray()));
      void bot.receive([
        textEvent('u1', 'one', { mid: 'm_e1' }),
        postbackEvent('u1', 'P'),
        textEvent('u2', 'two'),
      ]);
      void bot.receive([textEvent('u1', 'one', { mid: 'm_e1' })]);
      await bot.stop();
      assert.deepEqual(
        (await texts).map((e) => e.message.text),
        ['one', 'two'],
      );
      assert.equal((await all).length, 3);
    });
    it('is hot: a late subscriber gets only the events that come after it subscribed', async () => {
      const bot = makeBot();
      void bot.receive([textEvent('u1', 'early')]);
      await until(() => bot.stats().backlog === 0);
      const late = lastValueFrom(bot.events$.pipe(on('message:text'), toArray()));
      void bot.receive([textEvent('u1', 'late')]);
      await bot.stop();
      assert.deepEqual(
        (await late).map((e) => e.message.text),
        ['late'],
      );
    });
  });

  describe('bounded queue', () => {
    it('refuses a whole batch past maxQueued with BotOverflowError, in errors$ too, and takes later ones', async () => {
      const bot = makeBot({ maxQueued: 3 });
      const errors: BotError[] = [];
      bot.errors$.subscribe((error) => errors.push(error));
      const gate = deferred();
      const handled: string[] = [];
      bot.on('message:text', async (ctx) => {
        await gate.promise;
        handled.push(ctx.event.message.text);
      });
      void bot.receive([textEvent('u1', 'a'), textEvent('u2', 'b')]);
      await assert.rejects(bot.receive([textEvent('u3', 'c'), textEvent('u4', 'd')]), BotOverflowError);
      assert.equal(errors.length, 1);
      assert.ok(errors[0] instanceof BotOverflowError);
      assert.equal(errors[0].events.length, 2);
      void bot.receive([textEvent('u5', 'e')]);
      gate.resolve();
      await until(() => handled.length === 3);
      assert.deepEqual(handled.sort(), ['a', 'b', 'e']);
    });
  });

  describe('stop()', () => {
    it('lets queued and running handlers finish, then completes events$ and errors$', async () => {
      const bot = makeBot();
      const done: string[] = [];
      bot.on('message:text', async (ctx) => {
        await delay(10);
        done.push(ctx.event.message.text);
      });
      let eventsCompleted = false;
      let errorsCompleted = false;
      bot.events$.subscribe({ complete: () => (eventsCompleted = true) });
      bot.errors$.subscribe({ complete: () => (errorsCompleted = true) });
      void bot.receive([textEvent('u1', 'a'), textEvent('u1', 'b'), textEvent('u2', 'c')]);
      const result = await bot.stop({ timeoutMs: 2000 });
      assert.deepEqual(result, { drained: true, abandoned: 0 });
      assert.deepEqual(done.sort(), ['a', 'b', 'c']);
      assert.equal(eventsCompleted, true);
      assert.equal(errorsCompleted, true);
    });

    it('gives up at the deadline and reports what was abandoned', async () => {
      const bot = makeBot();
      bot.on('message', () => new Promise<void>(() => undefined)); // never settles
      void bot.receive([textEvent('u1', 'a'), textEvent('u1', 'b'), textEvent('u2', 'c')]);
      const result = await bot.stop({ timeoutMs: 30 });
      assert.deepEqual(result, { drained: false, abandoned: 3 });
    });

    it('stop() before listen(): resolves drained, completes the streams, and a later listen() is refused', async () => {
      const bot = makeBot();
      let completed = 0;
      bot.events$.subscribe({ complete: () => (completed += 1) });
      bot.errors$.subscribe({ complete: () => (completed += 1) });
      assert.deepEqual(await bot.stop(), { drained: true, abandoned: 0 });
      assert.equal(completed, 2);
      await assert.rejects(bot.listen(0, '127.0.0.1'), BotStoppedError);
    });

    it('refuses new events after stop() and returns the same result when called again', async () => {
      const bot = makeBot();
      const first = bot.stop();
      await assert.rejects(bot.receive([textEvent('u1', 'late')]), BotStoppedError);
      assert.equal(bot.stop(), first);
      assert.deepEqual(await first, { drained: true, abandoned: 0 });
    });
  });
});
