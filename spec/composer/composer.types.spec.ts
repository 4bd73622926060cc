/**
 * Type tests of composition: `tsc --noEmit` fails when `ctx.event` stops being narrowed through `on`, `filter`
 * with a query, the trigger methods or chained composers, when a flavor of the context is lost on the way, or
 * when a misspelt query starts to compile (an `@ts-expect-error` line stops being an error).
 */
import assert from 'node:assert/strict';
import type { Context } from '../../lib/bot/context.js';
import { Composer, matchFilter, type Filter, type Middleware } from '../../lib/composer/index.js';
import type { EventFor, MentionEvent, PostbackEvent, WebhookEvent } from '../../lib/events/index.js';
import { postbackEvent, textEvent } from '../bot/fixtures.js';
import { contextOf } from './helpers.js';

/** True when A and B are identical for the compiler. */
type IsExact<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when `T` is `true`. */
function assertType<T extends true>(_proof?: T): void {}

/** Holds code that must (or must not) type-check but is never run. */
function typeOnly<A extends unknown[]>(_code: (...args: A) => void): void {}

/** A flavor as a plugin would declare it (session() declares `SessionFlavor<S>` this way). */
interface CounterFlavor {
  counter: { count: number };
}
type MyContext = Context & CounterFlavor;

describe('Composer: type narrowing (checked by tsc)', () => {
  it('on() narrows ctx.event exactly as EventFor<Q>', () => {
    assertType<IsExact<Filter<Context, 'message:text'>['event'], EventFor<'message:text'>>>();
    assertType<IsExact<Filter<Context, 'postback'>['event'], PostbackEvent>>();
    assertType<
      IsExact<Filter<Context, ['postback', 'mention'][number]>['event'], PostbackEvent | MentionEvent>
    >();
    typeOnly((composer: Composer) => {
      composer.on('message:text', (ctx) => {
        assertType<IsExact<typeof ctx.event, EventFor<'message:text'>>>();
        const text: string = ctx.event.message.text;
        void text;
      });
      composer.on(['postback', 'mention:comment'], (_ctx) => {
        assertType<IsExact<typeof _ctx.event, PostbackEvent | EventFor<'mention:comment'>>>();
      });
      composer.on('mention:comment', (ctx) => {
        const id: string = ctx.event.value.comment_id;
        void id;
      });
      composer.use((_ctx) => {
        assertType<IsExact<typeof _ctx.event, WebhookEvent>>();
      });
    });
  });

  it('a misspelt query does not compile, in on() and filter()', () => {
    typeOnly((composer: Composer) => {
      // @ts-expect-error: 'mesage:text' is no query
      composer.on('mesage:text', () => undefined);
      // @ts-expect-error: no attachment type 'imag'
      composer.on(['postback', 'message:attachments:imag'], () => undefined);
      // @ts-expect-error: 'postbak' is no query
      composer.filter('postbak', () => undefined);
      // @ts-expect-error: matchFilter checks its query too
      matchFilter('mention:coment');
    });
  });

  it('filter() with a query, and with matchFilter, narrows too', () => {
    typeOnly((composer: Composer<MyContext>) => {
      composer.filter('message:quick_reply', (ctx) => {
        assertType<IsExact<typeof ctx.event, EventFor<'message:quick_reply'>>>();
        const payload: string = ctx.event.message.quick_reply.payload;
        const count: number = ctx.counter.count;
        void payload;
        void count;
      });
      composer.filter(matchFilter('message:text'), (ctx) => {
        const text: string = ctx.event.message.text;
        const count: number = ctx.counter.count;
        void text;
        void count;
      });
      composer.filter(
        (ctx) => ctx.event.type === 'postback',
        (_ctx) => {
          assertType<IsExact<typeof _ctx, MyContext>>();
        },
      );
    });
  });

  it('chained composers narrow further and keep what earlier filters guaranteed', () => {
    typeOnly((composer: Composer<MyContext>) => {
      const messages = composer.on('message');
      assertType<IsExact<typeof messages, Composer<Filter<MyContext, 'message'>>>>();
      messages.on('message:text').on('message:quick_reply', (ctx) => {
        const text: string = ctx.event.message.text;
        const payload: string = ctx.event.message.quick_reply.payload;
        const count: number = ctx.counter.count;
        void text;
        void payload;
        void count;
      });
      composer.hears(/hi/).use((ctx) => {
        assertType<IsExact<typeof ctx.event, EventFor<'message:text'>>>();
        const match: RegExpExecArray | undefined = ctx.match;
        void match;
      });
      composer.command('start').on('message:text', (ctx) => {
        const text: string = ctx.event.message.text;
        void text;
      });
      composer.postback('HELP').use((_ctx) => {
        assertType<IsExact<typeof _ctx.event, PostbackEvent>>();
      });
      composer.quickReply('RED').use((_ctx) => {
        assertType<IsExact<typeof _ctx.event, EventFor<'message:quick_reply'>>>();
      });
      // @ts-expect-error: a text message has no postback
      composer.on('message:text', (ctx) => ctx.event.postback);
    });
  });

  it('flavors survive every composition method, and middleware of a wider context fits a narrower one', () => {
    typeOnly((composer: Composer<MyContext>, logger: Middleware<Context>) => {
      composer.use(logger);
      composer.on('postback', logger);
      composer.branch(
        (ctx) => ctx.counter.count > 1,
        (ctx) => ctx.counter.count,
        (ctx) => ctx.counter.count,
      );
      composer.errorBoundary(
        (_error, ctx) => ctx.counter.count,
        (ctx) => ctx.counter.count,
      );
      composer.fork((ctx) => ctx.counter.count);
      composer.drop((ctx) => ctx.counter.count === 0).use((ctx) => ctx.counter.count);
      const inner = new Composer<MyContext>();
      composer.use(inner);
      // @ts-expect-error: a composer of a context without the flavor may not use middleware that needs it
      new Composer<Context>().use(inner);
    });
  });

  it('runs the narrowed code', async () => {
    const composer = new Composer();
    const seen: string[] = [];
    composer.on('message').on('message:text', (ctx) => {
      seen.push(ctx.event.message.text);
    });
    composer.filter(matchFilter('postback'), (ctx) => {
      seen.push(ctx.event.postback.payload ?? '');
    });
    for (const event of [textEvent('u1', 'hi'), postbackEvent('u1', 'P')]) {
      await composer.middleware()(contextOf(event), () => Promise.resolve());
    }
    assert.deepEqual(seen, ['hi', 'P']);
  });
});
