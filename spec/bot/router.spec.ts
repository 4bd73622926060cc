import assert from 'node:assert/strict';
import type { Bot } from '../../lib/bot/index.js';
import { QueryError, type Query } from '../../lib/events/index.js';
import { decodeAll, messagingBody, postbackEvent, textEvent, textItem, until, useBots } from './fixtures.js';

async function settle(bot: Bot): Promise<void> {
  await until(() => bot.stats().backlog === 0);
}

describe('Bot registrations', () => {
  const makeBot = useBots();

  it('on() refuses an unknown query at registration with QueryError', () => {
    const bot = makeBot();
    assert.throws(() => bot.on('mesage' as Query, () => undefined), QueryError);
  });

  it('hears(string) matches the whole text exactly', async () => {
    const bot = makeBot();
    const heard: string[] = [];
    const matches: unknown[] = [];
    bot.hears('hi', (ctx) => {
      heard.push(ctx.event.message.text);
      matches.push(ctx.match);
    });
    void bot.receive([textEvent('u1', 'hi'), textEvent('u1', 'hi there'), textEvent('u1', 'Hi')]);
    await settle(bot);
    assert.deepEqual(heard, ['hi']);
    // Checked here, not in the handler: a failed assertion there would only reach errors$.
    assert.deepEqual(matches, [undefined]);
  });

  it('hears(RegExp) passes the match to the handler, also with a global RegExp used repeatedly', async () => {
    const bot = makeBot();
    const groups: string[] = [];
    bot.hears(/order (\d+)/g, (ctx) => {
      groups.push(ctx.match?.[1] ?? 'none');
    });
    void bot.receive([
      textEvent('u1', 'order 12'),
      textEvent('u1', 'my order 34 please'),
      textEvent('u1', 'no'),
    ]);
    await settle(bot);
    assert.deepEqual(groups, ['12', '34']);
  });

  it('command() matches message.commands or a /name text, with the arguments in ctx.match[1]', async () => {
    const bot = makeBot();
    const got: string[] = [];
    bot.command('flights', (ctx) => {
      got.push(`${ctx.event.message.text ?? ''}|${ctx.match?.[1] ?? ''}`);
    });
    const [fromMenu] = decodeAll(
      messagingBody([textItem('u1', '/flights London', { extra: { commands: [{ name: 'flights' }] } })]),
    );
    assert.ok(fromMenu);
    const [namedOnly] = decodeAll(
      messagingBody([textItem('u1', 'book', { extra: { commands: [{ name: 'flights' }] } })]),
    );
    assert.ok(namedOnly);
    void bot.receive([
      fromMenu,
      textEvent('u1', '/flights'),
      namedOnly,
      textEvent('u1', '/flightsx'),
      textEvent('u1', 'flights'),
    ]);
    await settle(bot);
    assert.deepEqual(got, ['/flights London|London', '/flights|', 'book|']);
  });

  it('postback() matches the payload by string or RegExp', async () => {
    const bot = makeBot();
    const got: string[] = [];
    bot.postback('GET_STARTED', (ctx) => {
      got.push(`exact ${ctx.event.postback.payload ?? ''}`);
    });
    bot.postback(/^BUY:(\w+)$/, (ctx) => {
      got.push(`buy ${ctx.match?.[1] ?? ''}`);
    });
    void bot.receive([
      postbackEvent('u1', 'GET_STARTED'),
      postbackEvent('u1', 'BUY:shoes'),
      postbackEvent('u1', 'OTHER'),
    ]);
    await settle(bot);
    assert.deepEqual(got, ['exact GET_STARTED', 'buy shoes']);
  });

  it('quickReply() matches the quick reply payload of a message', async () => {
    const bot = makeBot();
    const got: string[] = [];
    bot.quickReply('RED', (ctx) => {
      got.push(ctx.event.message.quick_reply.payload);
    });
    const [tap] = decodeAll(
      messagingBody([textItem('u1', 'Red', { extra: { quick_reply: { payload: 'RED' } } })]),
    );
    const [other] = decodeAll(
      messagingBody([textItem('u1', 'Blue', { extra: { quick_reply: { payload: 'BLUE' } } })]),
    );
    assert.ok(tap && other);
    void bot.receive([tap, other, textEvent('u1', 'RED')]);
    await settle(bot);
    assert.deepEqual(got, ['RED']);
  });

  it('reports a matcher that throws like a handler failure: that event ends there, later events still run', async () => {
    const bot = makeBot();
    const errors: string[] = [];
    bot.errors$.subscribe((error) => errors.push(`${error.kind} ${error.message}`));
    const trap = /x/;
    trap.exec = () => {
      throw new Error('bad regexp');
    };
    const ran: string[] = [];
    bot.hears(trap, () => undefined);
    bot.on('message', () => {
      ran.push('message');
    });
    void bot.receive([textEvent('u1', 'x'), postbackEvent('u1', 'P')]);
    bot.on('postback', () => {
      ran.push('postback');
    });
    await settle(bot);
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /^handler handler hears\(\/x\/\) failed/);
    assert.deepEqual(ran, ['postback']);
  });

  it('refuses a command name with spaces and a handler that is not a function', () => {
    const bot = makeBot();
    assert.throws(() => bot.command('two words', () => undefined), TypeError);
    assert.throws(() => bot.on('message', 'nope' as never), TypeError);
  });
});
