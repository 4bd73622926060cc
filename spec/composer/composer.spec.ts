import assert from 'node:assert/strict';
import { Composer, matchFilter, type MiddlewareFn } from '../../lib/composer/index.js';
import { NextCalledTwiceError } from '../../lib/composer/middleware.js';
import type { Context } from '../../lib/bot/context.js';
import { QueryError, type Query } from '../../lib/events/index.js';
import {
  decodeAll,
  echoEvent,
  messagingBody,
  postbackEvent,
  standbyTextEvent,
  textEvent,
  textItem,
} from '../bot/fixtures.js';
import { contextOf, runChain } from './helpers.js';

function quickReplyEvent(user: string, payload: string) {
  const [event] = decodeAll(messagingBody([textItem(user, 'Red', { extra: { quick_reply: { payload } } })]));
  assert.ok(event);
  return event;
}

function commandEvent(user: string, text: string, commands?: { name: string }[]) {
  const [event] = decodeAll(messagingBody([textItem(user, text, commands ? { extra: { commands } } : {})]));
  assert.ok(event);
  return event;
}

describe('Composer: one chain per event, in registration order', () => {
  it('runs use() middleware in registration order, each continuing with next()', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    composer.use(async (_ctx, next) => {
      seen.push('a');
      await next();
      seen.push('a after');
    });
    composer.use(async (_ctx, next) => {
      seen.push('b');
      await next();
    });
    composer.use(() => {
      seen.push('c');
    });
    await runChain(composer, textEvent('u1', 'hi'));
    assert.deepEqual(seen, ['a', 'b', 'c', 'a after']);
  });

  it('stops at the first middleware that does not call next()', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    composer.use(() => {
      seen.push('first');
    });
    composer.use(() => {
      seen.push('never');
    });
    await runChain(composer, textEvent('u1', 'hi'));
    assert.deepEqual(seen, ['first']);
  });

  it('ends the chain at the first matching handler; a handler registered last with use() is the fallback', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    composer.hears('hi', () => {
      seen.push('hears hi');
    });
    composer.on('message:text', (ctx) => {
      seen.push(`text ${ctx.event.message.text}`);
    });
    composer.use((ctx) => {
      seen.push(`fallback ${ctx.event.type}`);
    });
    await runChain(composer, textEvent('u1', 'hi'));
    await runChain(composer, textEvent('u1', 'hello'));
    await runChain(composer, postbackEvent('u1', 'START'));
    assert.deepEqual(seen, ['hears hi', 'text hello', 'fallback postback']);
  });

  it('a matching handler that calls next() passes the event on to the next match', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    composer.on('message', async (_ctx, next) => {
      seen.push('log');
      await next();
    });
    composer.hears(/h(i)/, (ctx) => {
      seen.push(`hears ${ctx.match?.[1]}`);
    });
    composer.use(() => {
      seen.push('fallback');
    });
    await runChain(composer, textEvent('u1', 'hi'));
    assert.deepEqual(seen, ['log', 'hears i']);
  });

  it('next() settles once the rest of the chain ran, and rejects with its failure', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    composer.use(async (_ctx, next) => {
      await assert.rejects(next(), /boom/);
      seen.push('caught');
    });
    composer.use(async () => {
      await Promise.resolve();
      seen.push('inner');
      throw new Error('boom');
    });
    await runChain(composer, textEvent('u1', 'hi'));
    assert.deepEqual(seen, ['inner', 'caught']);
  });

  it('a handler failure rejects the chain (the Bot reports it)', async () => {
    const composer = new Composer();
    composer.on('message', () => {
      throw new Error('sync failure');
    });
    await assert.rejects(runChain(composer, textEvent('u1', 'hi')), /sync failure/);
  });

  it('refuses a second next() from one middleware', async () => {
    const composer = new Composer();
    composer.use(async (_ctx, next) => {
      await next();
      await next();
    });
    composer.use((_ctx, next) => next());
    await assert.rejects(runChain(composer, textEvent('u1', 'hi')), NextCalledTwiceError);
  });

  it('several middleware given to one registration run in a row', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    composer.on(
      'message:text',
      async (_ctx, next) => {
        seen.push('one');
        await next();
      },
      () => {
        seen.push('two');
      },
    );
    composer.use(() => {
      seen.push('fallback');
    });
    await runChain(composer, textEvent('u1', 'hi'));
    assert.deepEqual(seen, ['one', 'two']);
  });

  it('a composer is middleware: nested composers and objects with middleware() compose', async () => {
    const inner = new Composer();
    const seen: string[] = [];
    inner.postback('HELP', () => {
      seen.push('help');
    });
    const outer = new Composer();
    outer.use(inner);
    outer.use({
      middleware: (): MiddlewareFn<Context> => () => {
        seen.push('object');
      },
    });
    await runChain(outer, postbackEvent('u1', 'HELP'));
    await runChain(outer, postbackEvent('u1', 'OTHER'));
    assert.deepEqual(seen, ['help', 'object']);
  });

  it('registrations on a returned composer run after its middleware, when it calls next()', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    composer
      .on('message', async (_ctx, next) => {
        seen.push('message');
        await next();
      })
      .on('message:text', (ctx) => {
        seen.push(`text ${ctx.event.message.text}`);
      });
    composer.use(() => {
      seen.push('fallback');
    });
    await runChain(composer, textEvent('u1', 'hi'));
    assert.deepEqual(seen, ['message', 'text hi']);
  });

  it('registrations made while an event runs apply from the next event on', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    composer.use(async (_ctx, next) => {
      composer.use(() => {
        seen.push('late');
      });
      await next();
    });
    await runChain(composer, textEvent('u1', 'hi'));
    assert.deepEqual(seen, []);
  });
});

describe('Composer: filters', () => {
  it('on() validates its query at registration (QueryError) and never matches standby or echoes by accident', async () => {
    const composer = new Composer();
    assert.throws(() => composer.on('mesage' as Query, () => undefined), QueryError);
    assert.throws(() => composer.filter('mesage' as Query), QueryError);
    const seen: string[] = [];
    composer.on(['message', 'postback'], (ctx) => {
      seen.push(ctx.event.type);
    });
    composer.on('echo', () => {
      seen.push('echo');
    });
    composer.on('standby', () => {
      seen.push('standby');
    });
    for (const event of [
      textEvent('u1', 'a'),
      echoEvent('u1', 'b'),
      standbyTextEvent('u1', 'c'),
      postbackEvent('u1', 'P'),
    ]) {
      await runChain(composer, event);
    }
    assert.deepEqual(seen, ['message', 'echo', 'standby', 'postback']);
  });

  it('hears() takes several triggers, strings exactly and RegExps (global ones too), with ctx.match', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    composer.hears(['hi', /order (\d+)/g], (ctx) => {
      seen.push(`${ctx.event.message.text} -> ${ctx.match?.[1] ?? 'exact'}`);
    });
    for (const text of ['hi', 'hi there', 'order 12', 'my order 34 please', 'no']) {
      await runChain(composer, textEvent('u1', text));
    }
    assert.deepEqual(seen, ['hi -> exact', 'order 12 -> 12', 'my order 34 please -> 34']);
  });

  it('command() matches /name with arguments and message.commands, for one name or several', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    composer.command(['start', '/help'], (ctx) => {
      seen.push(`${ctx.event.message.text ?? ''}|${ctx.match?.[1] ?? ''}`);
    });
    await runChain(composer, commandEvent('u1', '/start now please'));
    await runChain(composer, commandEvent('u1', '/help'));
    await runChain(composer, commandEvent('u1', 'help me', [{ name: 'help' }]));
    await runChain(composer, commandEvent('u1', '/started'));
    assert.deepEqual(seen, ['/start now please|now please', '/help|', 'help me|']);
    assert.throws(() => composer.command('two words', () => undefined), TypeError);
    assert.throws(() => composer.command([], () => undefined), TypeError);
  });

  it('postback() and quickReply() match payloads', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    composer.postback(/^COLOR_(\w+)$/, (ctx) => {
      seen.push(`postback ${ctx.match?.[1]}`);
    });
    composer.quickReply(['RED', 'BLUE'], (ctx) => {
      seen.push(`quick reply ${ctx.event.message.quick_reply.payload}`);
    });
    await runChain(composer, postbackEvent('u1', 'COLOR_GREEN'));
    await runChain(composer, quickReplyEvent('u1', 'RED'));
    await runChain(composer, quickReplyEvent('u1', 'PINK'));
    assert.deepEqual(seen, ['postback GREEN', 'quick reply RED']);
  });

  it('filter() runs its middleware when the (async) predicate holds and passes the others on', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    composer.filter(
      async (ctx) => ctx.platform === 'messenger' && ctx.event.type === 'postback',
      () => {
        seen.push('filtered');
      },
    );
    composer.filter(matchFilter('message:text'), (ctx) => {
      seen.push(`guard ${ctx.event.message.text}`);
    });
    composer.use(() => {
      seen.push('rest');
    });
    await runChain(composer, postbackEvent('u1', 'X'));
    await runChain(composer, textEvent('u1', 'yo'));
    assert.deepEqual(seen, ['filtered', 'guard yo']);
  });

  it('filter() with a query narrows like on()', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    composer.filter('postback', (ctx) => {
      seen.push(ctx.event.postback.payload ?? '');
    });
    await runChain(composer, postbackEvent('u1', 'P1'));
    await runChain(composer, textEvent('u1', 'no'));
    assert.deepEqual(seen, ['P1']);
  });

  it('drop() runs its middleware for the events that fail the predicate', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    composer.drop(
      (ctx) => ctx.event.type === 'message',
      () => {
        seen.push('not a message');
      },
    );
    await runChain(composer, textEvent('u1', 'a'));
    await runChain(composer, postbackEvent('u1', 'P'));
    assert.deepEqual(seen, ['not a message']);
  });

  it('branch() picks one side per event; either side continues the chain with next()', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    composer.branch(
      (ctx) => ctx.event.type === 'postback',
      async (_ctx, next) => {
        seen.push('yes');
        await next();
      },
      () => {
        seen.push('no');
      },
    );
    composer.use(() => {
      seen.push('after');
    });
    await runChain(composer, postbackEvent('u1', 'P'));
    await runChain(composer, textEvent('u1', 'a'));
    assert.deepEqual(seen, ['yes', 'after', 'no']);
  });

  it('a throwing predicate fails the event', async () => {
    const composer = new Composer();
    composer.filter(() => {
      throw new Error('bad predicate');
    });
    await assert.rejects(runChain(composer, textEvent('u1', 'a')), /bad predicate/);
  });
});

describe('Composer: errorBoundary and fork', () => {
  it('errorBoundary() catches failures of its middleware and hands them to the handler with the context', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    composer.errorBoundary(
      (error, ctx) => {
        seen.push(`caught ${(error as Error).message} on ${ctx.event.type}`);
      },
      () => {
        throw new Error('inner');
      },
    );
    composer.use(() => {
      seen.push('after boundary');
    });
    await runChain(composer, textEvent('u1', 'a'));
    assert.deepEqual(seen, ['caught inner on message']);
  });

  it('errorBoundary(): next() from the handler or the guarded middleware continues outside the boundary', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    const boundary = composer.errorBoundary(async (_error, _ctx, next) => {
      seen.push('handler');
      await next();
    });
    boundary.on('message', () => {
      throw new Error('inside');
    });
    boundary.use(async (_ctx, next) => {
      seen.push('guarded passes on');
      await next();
    });
    composer.use(() => {
      seen.push('after');
      throw new Error('outside');
    });
    await assert.rejects(runChain(composer, textEvent('u1', 'a')), /outside/);
    await assert.rejects(runChain(composer, postbackEvent('u1', 'P')), /outside/);
    assert.deepEqual(seen, ['handler', 'after', 'guarded passes on', 'after']);
  });

  it('errorBoundary(): a failing handler fails the event', async () => {
    const composer = new Composer();
    composer.errorBoundary(
      () => {
        throw new Error('handler failed too');
      },
      () => Promise.reject(new Error('inner')),
    );
    await assert.rejects(runChain(composer, textEvent('u1', 'a')), /handler failed too/);
  });

  it('fork() runs its middleware beside the rest of the chain; the event ends when both did', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    composer.fork(async () => {
      seen.push('fork start');
      await gate;
      seen.push('fork end');
    });
    composer.use(() => {
      seen.push('main');
      release();
    });
    await runChain(composer, textEvent('u1', 'a'));
    assert.deepEqual(seen, ['main', 'fork start', 'fork end']);
  });

  it('the same context object runs through the whole chain, so plugins can install properties on it', async () => {
    const composer = new Composer<Context & { greeting?: string }>();
    composer.use(async (ctx, next) => {
      ctx.greeting = 'hello';
      await next();
    });
    let seen: string | undefined;
    composer.on('message:text', (ctx) => {
      seen = ctx.greeting;
    });
    const ctx = contextOf(textEvent('u1', 'a'));
    await composer.middleware()(ctx, () => Promise.resolve());
    assert.equal(seen, 'hello');
  });
});
