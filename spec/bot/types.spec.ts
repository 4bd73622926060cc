import assert from 'node:assert/strict';
import type { Observable } from 'rxjs';
import { on, type Bot } from '../../lib/bot/index.js';
import type { EventFor, MentionEvent, WebhookEvent } from '../../lib/events/index.js';

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

describe('Bot types', () => {
  it('narrows handler events by query (checked by tsc; see typeChecks)', () => {
    assert.equal(typeof typeChecks, 'function');
  });
});
