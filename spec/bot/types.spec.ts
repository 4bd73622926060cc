import assert from 'node:assert/strict';
import type { Observable } from 'rxjs';
import { Bot, on, type BotOptions, type Context } from '../../lib/bot/index.js';
import type { Composer } from '../../lib/composer/index.js';
import type { EventFor, MentionEvent, PostbackEvent, WebhookEvent } from '../../lib/events/index.js';

type IsExact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const assertType = <T extends true>(_proof?: T): void => undefined;

/** Compile-time checks: this function is type-checked by tsc but never called. */
function typeChecks(bot: Bot, events$: Observable<WebhookEvent>): void {
  bot.on('message:text', (ctx) => ctx.event.message.text.toUpperCase());
  bot.on('message:text', (_ctx) => {
    assertType<IsExact<typeof _ctx.event.message.text, string>>();
    assertType<IsExact<typeof _ctx.event, EventFor<'message:text'>>>();
  });
  bot.on('message', (ctx) => {
    // @ts-expect-error text is optional on a plain message
    ctx.event.message.text.toUpperCase();
  });
  bot.on('postback', (ctx) => {
    // @ts-expect-error a postback has no message
    void ctx.event.message;
  });
  bot.on('mention:comment', (_ctx) => {
    assertType<IsExact<typeof _ctx.event.value.comment_id, string>>();
  });
  bot.on(['message:text', 'postback'], (ctx) => {
    // @ts-expect-error the union does not guarantee a message
    void ctx.event.message.text;
  });
  bot.on('mention', (_ctx) => {
    assertType<IsExact<typeof _ctx.event, MentionEvent>>();
  });
  bot.hears(/hi/, (_ctx) => {
    assertType<IsExact<typeof _ctx.event.message.text, string>>();
    assertType<IsExact<typeof _ctx.match, RegExpExecArray | undefined>>();
  });
  bot.quickReply('A', (_ctx) => {
    assertType<IsExact<typeof _ctx.event.message.quick_reply.payload, string>>();
  });
  bot.on('message:text', (ctx) => ctx.reply.text('a one-liner returning a promise is fine'));
  // @ts-expect-error an unknown query does not compile
  bot.on('mesage', () => undefined);
  events$.pipe(on('message:text')).subscribe((e) => e.message.text.toUpperCase());
  // @ts-expect-error on() narrows: a postback stream has no message
  events$.pipe(on('postback')).subscribe((e) => e.message);
}

/** A flavor, as `session()` declares `SessionFlavor<S>`: a property plugins install on the context at run time. */
interface CartFlavor {
  cart: { items: string[] };
}
type ShopContext = Context & CartFlavor;

/** Bot<C> is a Composer<C>: flavors reach every handler, narrowed or not, and composers of the same context fit. */
function flavorChecks(bot: Bot<ShopContext>, options: BotOptions<ShopContext>): void {
  const again: Bot<ShopContext> = new Bot<ShopContext>(options);
  const composer: Composer<ShopContext> = again;
  bot.use(async (ctx, next) => {
    ctx.cart ??= { items: [] };
    await next();
  });
  bot.on('postback', (ctx) => {
    ctx.cart.items.push(ctx.event.postback.payload ?? '');
    assertType<IsExact<typeof ctx.event, PostbackEvent>>();
  });
  bot.filter('message:text').hears(/add (\w+)/, (ctx) => {
    const text: string = ctx.event.message.text;
    ctx.cart.items.push(ctx.match?.[1] ?? text);
  });
  bot.use(composer);
  // @ts-expect-error a Bot<Context> cannot use middleware that needs the flavor
  new Bot<Context>({ appSecret: 's', verifyToken: 'v' }).use(composer);
  // @ts-expect-error the old (event, ctx) form does not compile: the context comes first
  bot.on('message:text', (e: EventFor<'message:text'>, ctx: Context) => ctx.reply.text(e.message.text));
}

describe('Bot types', () => {
  it('types flavors end to end through Bot<C> (checked by tsc; see flavorChecks)', () => {
    assert.equal(typeof flavorChecks, 'function');
  });

  it('narrows handler events by query (checked by tsc; see typeChecks)', () => {
    assert.equal(typeof typeChecks, 'function');
  });
});
