import assert from 'node:assert/strict';
import nock from 'nock';
import { Bot, BotHandlerError, type BotError, type Context } from '../../lib/bot/index.js';
import type { Mentioned } from '../../lib/bot/context.js';
import { BotContextError } from '../../lib/bot/errors.js';
import type { WebhookEvent } from '../../lib/events/index.js';
import { appSecretProof } from '../../lib/graph/index.js';
import { useNock } from '../support/nock.js';
import {
  changeEvent,
  decodeAll,
  echoEvent,
  IG_ID,
  igTextEvent,
  messagingBody,
  PAGE_ID,
  postbackEvent,
  standbyTextEvent,
  textEvent,
  textItem,
  until,
} from './fixtures.js';

const GRAPH = 'https://graph.test';
const TOKENS: Record<string, string> = { [PAGE_ID]: 'PAGE-TOKEN', [IG_ID]: 'IG-TOKEN' };

interface Harness {
  bot: Bot;
  errors: BotError[];
  tokenRequests: string[];
  /** Runs `handler` for `event` and waits until it has finished. */
  run(event: WebhookEvent, handler: (ctx: Context) => unknown): Promise<void>;
}

function harness(): Harness {
  const tokenRequests: string[] = [];
  const bot = new Bot({
    appSecret: 'app-secret',
    verifyToken: 'verify',
    accessToken: (accountId) => {
      tokenRequests.push(accountId);
      return TOKENS[accountId] ?? 'OTHER-TOKEN';
    },
    graph: { baseUrl: GRAPH, retry: false },
    dedup: false, // some specs run the same event several times
  });
  const errors: BotError[] = [];
  bot.errors$.subscribe((error) => errors.push(error));
  let current: ((ctx: Context) => unknown) | undefined;
  bot.on(
    ['message', 'postback', 'mention', 'comment', 'live_comment', 'echo', 'standby', 'read', 'delivery'],
    (ctx) => current?.(ctx),
  );
  return {
    bot,
    errors,
    tokenRequests,
    async run(event, handler) {
      current = handler;
      void bot.receive([event]);
      await until(() => bot.stats().backlog === 0);
    },
  };
}

/** Records the JSON body of a nock interceptor. */
function capture(): { bodies: unknown[]; record: (body: unknown) => boolean } {
  const bodies: unknown[] = [];
  return {
    bodies,
    record: (body) => {
      bodies.push(body);
      return true;
    },
  };
}

/**
 * Expects the mention lookup of the seed (`GET /{ig-user-id}?fields=<fields>` answering `lookup`) followed by one
 * `POST /{ig-user-id}/mentions`; returns the query strings that POST carried.
 */
function expectMentionReply(fields: string, lookup: object): Record<string, string>[] {
  const mentionQueries: Record<string, string>[] = [];
  nock(GRAPH)
    .get(`/v25.0/${IG_ID}`)
    .query((q) => q['fields'] === fields)
    .reply(200, { ...lookup, id: IG_ID })
    .post(`/v25.0/${IG_ID}/mentions`)
    .query((q) => {
      mentionQueries.push(q as Record<string, string>);
      return true;
    })
    .reply(200, { id: '17911496353086895' });
  return mentionQueries;
}

/** Expects `times` Send API POSTs to `/{account}/messages`, each answered with `reply`; records their bodies. */
function expectSends(times: number, reply: object, account: string): { bodies: unknown[] } {
  const body = capture();
  nock(GRAPH).post(`/v25.0/${account}/messages`, body.record).query(true).times(times).reply(200, reply);
  return body;
}

describe('ctx.reply', () => {
  let h: Harness;

  beforeEach(() => {
    h = harness();
  });
  // Registered before useNock() so that it runs before useNock's own cleanAll.
  afterEach(async () => {
    await h.bot.stop({ timeoutMs: 100 });
    assert.deepEqual(nock.pendingMocks(), [], 'every expected Graph call was made');
  });
  useNock();

  it('answers a Messenger DM through the Send API from the page, to the user, as a RESPONSE', async () => {
    const body = capture();
    let query: Record<string, string> = {};
    nock(GRAPH)
      .post(`/v25.0/${PAGE_ID}/messages`, body.record)
      .query((q) => {
        query = q as Record<string, string>;
        return true;
      })
      .reply(200, { recipient_id: 'psid-1', message_id: 'm_reply' });
    let sent: { id: string } | undefined;
    await h.run(textEvent('psid-1', 'hello'), async (ctx) => {
      sent = await ctx.reply.text('Hi there');
    });
    assert.deepEqual(h.errors, []);
    assert.deepEqual(body.bodies, [
      { recipient: { id: 'psid-1' }, messaging_type: 'RESPONSE', message: { text: 'Hi there' } },
    ]);
    assert.deepEqual(sent, { id: 'm_reply' });
    assert.equal(query['access_token'], 'PAGE-TOKEN');
    assert.equal(query['appsecret_proof'], appSecretProof('PAGE-TOKEN', 'app-secret'));
    assert.deepEqual(h.tokenRequests, [PAGE_ID]);
  });

  it('answers an Instagram DM from the IG account with its own token', async () => {
    const body = capture();
    let token = '';
    nock(GRAPH)
      .post(`/v25.0/${IG_ID}/messages`, body.record)
      .query((q) => {
        token = String(q['access_token']);
        return true;
      })
      .reply(200, { recipient_id: 'igsid-1', message_id: 'm_ig' });
    await h.run(igTextEvent('igsid-1', 'hey'), (ctx) => ctx.reply.text('Hey back'));
    assert.deepEqual(h.errors, []);
    assert.deepEqual(body.bodies, [
      { recipient: { id: 'igsid-1' }, messaging_type: 'RESPONSE', message: { text: 'Hey back' } },
    ]);
    assert.equal(token, 'IG-TOKEN');
  });

  it('passes Send options through (a tag makes it MESSAGE_TAG)', async () => {
    const body = expectSends(1, { message_id: 'm' }, PAGE_ID);
    await h.run(textEvent('psid-1', 'x'), (ctx) => ctx.reply.text('later', { tag: 'HUMAN_AGENT' }));
    assert.deepEqual(body.bodies, [
      {
        recipient: { id: 'psid-1' },
        messaging_type: 'MESSAGE_TAG',
        tag: 'HUMAN_AGENT',
        message: { text: 'later' },
      },
    ]);
  });

  it('sends quick replies, typing on and off, mark seen and a reaction to the user', async () => {
    const body = expectSends(5, { recipient_id: 'psid-2', message_id: 'm' }, PAGE_ID);
    const event = textEvent('psid-2', 'menu', { mid: 'm_menu' });
    await h.run(event, async (ctx) => {
      await ctx.reply.typing();
      await ctx.reply.quickReplies('Pick one', [
        { title: 'Red', payload: 'RED' },
        { content_type: 'text', title: 'Blue', payload: 'BLUE' },
      ]);
      await ctx.reply.typing(false);
      await ctx.reply.markSeen();
      await ctx.reply.react('❤️');
    });
    assert.deepEqual(h.errors, []);
    assert.deepEqual(body.bodies, [
      { recipient: { id: 'psid-2' }, sender_action: 'typing_on' },
      {
        recipient: { id: 'psid-2' },
        messaging_type: 'RESPONSE',
        message: {
          text: 'Pick one',
          quick_replies: [
            { content_type: 'text', title: 'Red', payload: 'RED' },
            { content_type: 'text', title: 'Blue', payload: 'BLUE' },
          ],
        },
      },
      { recipient: { id: 'psid-2' }, sender_action: 'typing_off' },
      { recipient: { id: 'psid-2' }, sender_action: 'mark_seen' },
      {
        recipient: { id: 'psid-2' },
        sender_action: 'react',
        payload: { message_id: 'm_menu', reaction: '❤️' },
      },
    ]);
  });

  it('sends an attachment and a template to the user', async () => {
    const body = expectSends(2, { message_id: 'm' }, PAGE_ID);
    await h.run(textEvent('psid-3', 'pic'), async (ctx) => {
      await ctx.reply.attachment({ type: 'image', url: 'https://example.test/cat.png' });
      await ctx.reply.template({
        template_type: 'button',
        text: 'Go?',
        buttons: [{ type: 'postback', title: 'Yes', payload: 'YES' }],
      });
    });
    assert.deepEqual(h.errors, []);
    assert.deepEqual(body.bodies, [
      {
        recipient: { id: 'psid-3' },
        messaging_type: 'RESPONSE',
        message: { attachment: { type: 'image', payload: { url: 'https://example.test/cat.png' } } },
      },
      {
        recipient: { id: 'psid-3' },
        messaging_type: 'RESPONSE',
        message: {
          attachment: {
            type: 'template',
            payload: {
              template_type: 'button',
              text: 'Go?',
              buttons: [{ type: 'postback', title: 'Yes', payload: 'YES' }],
            },
          },
        },
      },
    ]);
  });

  it('replies to a comment mention: reads the comment, then POSTs /{ig-user-id}/mentions with media_id and comment_id', async () => {
    const mentionQueries = expectMentionReply('mentioned_comment.comment_id(17894227972186120)', {
      mentioned_comment: {
        timestamp: '2018-03-20T00:05:29+0000',
        text: '@bluebottle challenge?',
        id: '17894227972186120',
      },
    });
    const event = changeEvent('mentions', { comment_id: '17894227972186120', media_id: '17918195224117851' });
    let mentioned: Mentioned | undefined;
    let sent: { id: string } | undefined;
    await h.run(event, async (ctx) => {
      mentioned = await ctx.mentioned();
      assert.equal(await ctx.mentioned(), mentioned, 'looked up once per context');
      if (mentioned.text?.includes('challenge') === true) sent = await ctx.reply.text('Challenge accepted!');
    });
    assert.deepEqual(h.errors, []);
    assert.equal(mentioned?.kind, 'comment');
    assert.equal(mentioned?.text, '@bluebottle challenge?');
    assert.deepEqual(sent, { id: '17911496353086895' });
    assert.equal(mentionQueries.length, 1);
    assert.equal(mentionQueries[0]?.['media_id'], '17918195224117851');
    assert.equal(mentionQueries[0]?.['comment_id'], '17894227972186120');
    assert.equal(mentionQueries[0]?.['message'], 'Challenge accepted!');
    assert.equal(mentionQueries[0]?.['access_token'], 'IG-TOKEN');
  });

  it('replies to a caption mention: reads the caption, then POSTs /{ig-user-id}/mentions with media_id only', async () => {
    const mentionQueries = expectMentionReply(
      'mentioned_media.media_id(17918195224117851){caption,media_type}',
      {
        mentioned_media: {
          caption: '@bluebottle There can be only one!',
          media_type: 'IMAGE',
          id: '17918195224117851',
        },
      },
    );
    const event = changeEvent('mentions', { media_id: '17918195224117851' });
    await h.run(event, async (ctx) => {
      const mentioned = await ctx.mentioned();
      assert.equal(mentioned.kind, 'caption');
      assert.equal(mentioned.text, '@bluebottle There can be only one!');
      await ctx.reply.text('MacLeod agrees!');
    });
    assert.deepEqual(h.errors, []);
    assert.equal(mentionQueries[0]?.['media_id'], '17918195224117851');
    assert.equal(mentionQueries[0]?.['comment_id'], undefined);
    assert.equal(mentionQueries[0]?.['message'], 'MacLeod agrees!');
  });

  it('answers a comment privately (recipient.comment_id) and publicly (POST /{comment-id}/replies)', async () => {
    const body = capture();
    let replyQuery: Record<string, string> = {};
    nock(GRAPH)
      .post(`/v25.0/${IG_ID}/messages`, body.record)
      .query(true)
      .reply(200, { message_id: 'm_private' })
      .post('/v25.0/17865799348089039/replies')
      .query((q) => {
        replyQuery = q as Record<string, string>;
        return true;
      })
      .reply(200, { id: '17870913679156914' });
    const event = changeEvent('comments', {
      id: '17865799348089039',
      from: { id: 'igsid-9', username: 'fan' },
      text: 'price?',
      media: { id: '123', media_product_type: 'FEED' },
    });
    let publicReply: { id: string } | undefined;
    await h.run(event, async (ctx) => {
      await ctx.reply.privately('Sent you the price list');
      publicReply = await ctx.reply.text('Check your DMs');
    });
    assert.deepEqual(h.errors, []);
    assert.deepEqual(body.bodies, [
      { recipient: { comment_id: '17865799348089039' }, message: { text: 'Sent you the price list' } },
    ]);
    assert.equal(replyQuery['message'], 'Check your DMs');
    assert.equal(replyQuery['access_token'], 'IG-TOKEN');
    assert.deepEqual(publicReply, { id: '17870913679156914' });
  });

  it('answers a live comment (which takes no public replies) with a private reply', async () => {
    const body = expectSends(1, { message_id: 'm_live' }, IG_ID);
    const event = changeEvent('live_comments', { id: '555', from: { id: 'igsid-8' }, text: 'hello live' });
    let sent: { id: string } | undefined;
    await h.run(event, async (ctx) => {
      sent = await ctx.reply.text('Thanks for watching');
    });
    assert.deepEqual(h.errors, []);
    assert.deepEqual(body.bodies, [
      { recipient: { comment_id: '555' }, message: { text: 'Thanks for watching' } },
    ]);
    assert.deepEqual(sent, { id: 'm_live' });
  });

  it('reports a helper used on the wrong kind of event as a BotContextError in errors$', async () => {
    await h.run(textEvent('psid-4', 'x'), async (ctx) => {
      await ctx.mentioned();
    });
    await h.run(changeEvent('mentions', { media_id: '1' }), async (ctx) => {
      await ctx.reply.typing();
    });
    await h.run(textEvent('psid-4', 'y'), async (ctx) => {
      await ctx.reply.comment('public?');
    });
    assert.equal(h.errors.length, 3);
    for (const error of h.errors) {
      assert.ok(error instanceof BotHandlerError);
      assert.ok(error.error instanceof BotContextError);
    }
    assert.match(h.errors[0]?.message ?? '', /ctx\.mentioned\(\) cannot be used on a 'message' event/);
  });

  it('answers a postback and a quick reply tap in the DM, to the user who tapped, as a RESPONSE', async () => {
    const body = expectSends(2, { message_id: 'm' }, PAGE_ID);
    const [tap] = decodeAll(
      messagingBody([textItem('psid-q', 'Red', { extra: { quick_reply: { payload: 'RED' } } })]),
    );
    assert.ok(tap);
    await h.run(postbackEvent('psid-p', 'GET_STARTED'), (ctx) => ctx.reply.text('Welcome'));
    await h.run(tap, (ctx) => ctx.reply.text('Red it is'));
    assert.deepEqual(h.errors, []);
    assert.deepEqual(body.bodies, [
      { recipient: { id: 'psid-p' }, messaging_type: 'RESPONSE', message: { text: 'Welcome' } },
      { recipient: { id: 'psid-q' }, messaging_type: 'RESPONSE', message: { text: 'Red it is' } },
    ]);
  });

  it('refuses every reply helper on an echo, a standby event, a read and a delivery with BotContextError, calling nothing', async () => {
    const read = decodeAll(
      messagingBody([
        { sender: { id: 'psid-r' }, recipient: { id: PAGE_ID }, timestamp: 1, read: { watermark: 1 } },
      ]),
    )[0];
    const delivered = decodeAll(
      messagingBody([
        { sender: { id: 'psid-r' }, recipient: { id: PAGE_ID }, timestamp: 1, delivery: { watermark: 1 } },
      ]),
    )[0];
    assert.ok(read && delivered);
    const events = [
      echoEvent('psid-r', 'sent by the page'),
      standbyTextEvent('psid-r', 'hi'),
      read,
      delivered,
    ];
    const helpers: ((ctx: Context) => Promise<unknown>)[] = [
      (ctx) => ctx.reply.text('no'),
      (ctx) => ctx.reply.quickReplies('no', [{ title: 'A', payload: 'A' }]),
      (ctx) => ctx.reply.attachment({ type: 'image', url: 'https://example.test/a.png' }),
      (ctx) => ctx.reply.typing(),
      (ctx) => ctx.reply.markSeen(),
    ];
    for (const event of events) {
      for (const helper of helpers) await h.run(event, (ctx) => helper(ctx));
    }
    assert.equal(h.errors.length, events.length * helpers.length);
    for (const error of h.errors) {
      assert.ok(error instanceof BotHandlerError);
      assert.ok(error.error instanceof BotContextError, String(error.error));
    }
    assert.match(
      h.errors[0]?.message ?? '',
      /ctx\.reply\.text\(\) cannot be used on a 'echo' event: .*page's own message/,
    );
    assert.match(h.errors[helpers.length]?.message ?? '', /standby/);
  });

  it('reports a failed Graph call with its event in errors$, never the token', async () => {
    nock(GRAPH)
      .post(`/v25.0/${PAGE_ID}/messages`)
      .query(true)
      .reply(400, {
        error: { message: 'Invalid parameter', type: 'OAuthException', code: 100, fbtrace_id: 'x' },
      });
    const event = textEvent('psid-5', 'x');
    await h.run(event, (ctx) => ctx.reply.text('will fail'));
    assert.equal(h.errors.length, 1);
    const [error] = h.errors;
    assert.ok(error instanceof BotHandlerError);
    assert.equal(error.event, event);
    assert.doesNotMatch(error.message, /PAGE-TOKEN|app-secret/);
  });

  it('exposes the event, platform, account and Graph client on the context', async () => {
    const event = igTextEvent('igsid-7', 'ctx');
    let seen: Context | undefined;
    await h.run(event, (ctx) => {
      seen = ctx;
    });
    assert.deepEqual(h.errors, []);
    assert.ok(seen, 'the handler ran');
    assert.equal(seen.event, event);
    assert.equal(seen.platform, 'instagram');
    assert.equal(seen.accountId, IG_ID);
    assert.equal(seen.api, h.bot.api);
    assert.equal(seen.match, undefined);
  });
});
