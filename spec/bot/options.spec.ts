import assert from 'node:assert/strict';
import util from 'node:util';
import { appSecretProof } from '../../lib/graph/index.js';
import { textEvent, until, useBots } from './fixtures.js';

const SECRETS = {
  appSecret: 'APP-SECRET-xyz',
  verifyToken: 'VERIFY-TOKEN-xyz',
  accessToken: 'PAGE-TOKEN-xyz',
};

describe('Bot options', () => {
  const makeBot = useBots();

  it('keeps the app secret, verify token and access token out of util.inspect of the bot and its context', async () => {
    const bot = makeBot(SECRETS);
    let shown = util.inspect(bot, { depth: 8, showHidden: true });
    bot.on('message', (ctx) => {
      shown += util.inspect(ctx, { depth: 8, showHidden: true });
    });
    void bot.receive([textEvent('u1', 'x')]);
    await until(() => bot.stats().backlog === 0);
    for (const secret of Object.values(SECRETS)) assert.ok(!shown.includes(secret), `leaked ${secret}`);
  });

  it('signs every reply with a token string given as `accessToken`, with its appsecret_proof', async () => {
    const urls: URL[] = [];
    const bot = makeBot({
      ...SECRETS,
      graph: {
        retry: false,
        fetch: async (input) => {
          urls.push(new URL(String(input)));
          return Response.json({ recipient_id: 'u1', message_id: 'm_1' });
        },
      },
    });
    bot.on('message', (ctx) => ctx.reply.text('hi'));
    void bot.receive([textEvent('u1', 'x')]);
    await until(() => urls.length === 1 && bot.stats().backlog === 0);
    const [url] = urls;
    assert.equal(url?.pathname, '/v25.0/1000/messages');
    assert.equal(url?.searchParams.get('access_token'), 'PAGE-TOKEN-xyz');
    assert.equal(
      url?.searchParams.get('appsecret_proof'),
      appSecretProof('PAGE-TOKEN-xyz', 'APP-SECRET-xyz'),
    );
  });
});
