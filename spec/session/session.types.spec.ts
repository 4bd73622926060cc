/**
 * Type tests of sessions and conversations: `tsc --noEmit` (npm run typecheck) fails when `ctx.session` stops
 * being typed through `bot.use`, `on`, `filter`, chained composers and flows, when `ctx.conversation` is lost,
 * when `conv.waitFor` / `conv.ask` stop narrowing, or when a wrong session field starts to compile (an
 * `@ts-expect-error` line stops being an error). The `it` blocks only hold the code; running them checks nothing.
 */
import type { Bot, Context } from '../../lib/bot/index.js';
import { Composer } from '../../lib/composer/index.js';
import {
  conversations,
  createConversation,
  type Conversation,
  type ConversationFlavor,
} from '../../lib/conversations/index.js';
import type { EventFor, PostbackEvent } from '../../lib/events/index.js';
import { MemorySessionStorage, session, type SessionFlavor } from '../../lib/session/index.js';

/** True when A and B are identical for the compiler. */
type IsExact<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when `T` is `true`. */
function assertType<T extends true>(_proof?: T): void {}

/** Holds code that must (or must not) type-check but is never run. */
function typeOnly<A extends unknown[]>(_code: (...args: A) => void): void {}

interface Order {
  count: number;
  last?: { size: 'S' | 'M' | 'L'; drink: string };
}
type MyContext = Context & SessionFlavor<Order> & ConversationFlavor;

describe('sessions and conversations: types (checked by tsc)', () => {
  it('ctx.session is typed in bot.use, on, filter and chained composers', () => {
    typeOnly((bot: Bot<MyContext>) => {
      bot.use(session({ initial: () => ({ count: 0 }) }));
      bot.use(session({ initial: (): Order => ({ count: 0 }), storage: new MemorySessionStorage<Order>() }));
      bot.use((ctx, next) => {
        assertType<IsExact<typeof ctx.session, Order>>();
        ctx.session = undefined; // deletes it
        return next();
      });
      bot.on('message:text', (ctx) => {
        assertType<IsExact<typeof ctx.session, Order>>();
        const text: string = ctx.event.message.text;
        ctx.session.count += text.length;
      });
      bot.filter('postback', (_ctx) => {
        assertType<IsExact<typeof _ctx.event, PostbackEvent>>();
        assertType<IsExact<typeof _ctx.session.last, Order['last']>>();
      });
      bot
        .on('message')
        .hears(/^\d+$/, (_ctx) => {
          assertType<IsExact<typeof _ctx.session, Order>>();
        })
        .filter(
          (ctx) => ctx.session.count > 3,
          (ctx) => {
            ctx.session.count = 0;
          },
        );
      const menu = new Composer<MyContext>();
      menu.command('reset', (ctx) => {
        ctx.session.count = 0;
      });
      bot.use(menu);
    });
  });

  it('a wrong session field or value does not compile', () => {
    typeOnly((bot: Bot<MyContext>) => {
      bot.on('message:text', (ctx) => {
        // @ts-expect-error: Order has no field 'total'
        ctx.session.total = 1;
        // @ts-expect-error: count is a number
        ctx.session.count = 'one';
        // @ts-expect-error: 'XL' is no size
        ctx.session.last = { size: 'XL', drink: 'tea' };
      });
      // @ts-expect-error: initial must give an Order to a bot of MyContext
      bot.use(session({ initial: () => ({ count: 'zero' }) }));
    });
    typeOnly((bot: Bot<Context>) => {
      bot.use((ctx) => {
        // @ts-expect-error: a context without the flavor has no session
        void ctx.session;
      });
    });
  });

  it('ctx.conversation and flows are typed: waitFor and ask narrow, the flow gets the bot context', () => {
    typeOnly((bot: Bot<MyContext>) => {
      bot.use(conversations());
      async function order(conv: Conversation<MyContext>, ctx: MyContext): Promise<void> {
        const _any = await conv.wait();
        assertType<IsExact<typeof _any, MyContext>>();
        const _text = await conv.waitFor('message:text', { otherwise: (c) => c.reply.text('Text, please') });
        assertType<IsExact<typeof _text.event, EventFor<'message:text'>>>();
        const size = await conv.ask('Size?', {
          quickReplies: [{ content_type: 'text', title: 'S', payload: 'S' }],
        });
        const answer: string = size.event.message.text;
        const tap = await conv.ask('Sure?', { query: 'message:quick_reply' });
        const payload: string = tap.event.message.quick_reply.payload;
        ctx.session.last = { size: 'S', drink: `${answer} ${payload}` };
        // @ts-expect-error: 'mesage' is no query
        await conv.waitFor('mesage');
      }
      bot.use(createConversation(order));
      bot.use(
        createConversation(async (conv: Conversation<MyContext>) => {
          const next = await conv.wait();
          next.session.count += 1;
        }, 'counter'),
      );
      bot.command('order', async (ctx) => {
        await ctx.conversation.enter('order');
        const active: string | undefined = ctx.conversation.active;
        void active;
      });
    });
    typeOnly((bot: Bot<Context & SessionFlavor<Order>>) => {
      bot.use((ctx) => {
        // @ts-expect-error: a context without ConversationFlavor has no ctx.conversation
        void ctx.conversation;
      });
    });
  });
});
