import assert from 'node:assert/strict';
import type { Observable } from 'rxjs';
import { on, type Bot } from '../../lib/bot/index.js';
import type { MentionEvent, WebhookEvent } from '../../lib/events/index.js';

type IsExact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const assertType = <T extends true>(_proof?: T): void => undefined;

/** Compile-time checks: this function is type-checked by tsc but never called. */
function typeChecks(bot: Bot, events$: Observable<WebhookEvent>): void {
  bot.on('message:text', (e, _ctx) => e.message.text.toUpperCase());
  bot.on('message:text', (_e, _ctx) => {
    assertType<IsExact<typeof _e.message.text, string>>();
    assertType<IsExact<typeof _ctx.event, typeof _e>>();
  });
  bot.on('message', (e) => {
    // @ts-expect-error text is optional on a plain message
    e.message.text.toUpperCase();
  });
  bot.on('postback', (e) => {
    // @ts-expect-error a postback has no message
    void e.message;
  });
  bot.on('mention:comment', (_e) => {
    assertType<IsExact<typeof _e.value.comment_id, string>>();
  });
  bot.on(['message:text', 'postback'], (e) => {
    // @ts-expect-error the union does not guarantee a message
    void e.message.text;
  });
  bot.on('mention', (_e) => {
    assertType<IsExact<typeof _e, MentionEvent>>();
  });
  bot.hears(/hi/, (_e, _ctx) => {
    assertType<IsExact<typeof _e.message.text, string>>();
    assertType<IsExact<typeof _ctx.match, RegExpExecArray | undefined>>();
  });
  bot.quickReply('A', (_e) => {
    assertType<IsExact<typeof _e.message.quick_reply.payload, string>>();
  });
  bot.on('message:text', (_e, ctx) => ctx.reply.text('a one-liner returning a promise is fine'));
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
