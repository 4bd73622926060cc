import assert from 'node:assert/strict';
import { BotHandlerError, BotInboxError } from '../../lib/bot/index.js';
import { MessengerRxError } from '../../lib/errors/index.js';
import { GraphApiError, HttpError } from '../../lib/graph/index.js';
import { RedisAcceptError, RedisInbox } from '../../lib/redis/index.js';
import { createWebhook, WebhookConfigError } from '../../lib/webhook/index.js';
import {
  APP_SECRET,
  APP_TOKEN,
  PAGE_TOKEN,
  makeClient,
  proofOf,
  startServer,
  useLoopback,
} from '../graph/helpers.js';
import { startRedis } from '../support/redis.js';
import { textEvent } from '../bot/fixtures.js';

const GRAPH_SECRETS = [PAGE_TOKEN, APP_SECRET, APP_TOKEN, proofOf(PAGE_TOKEN)];

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

/** `JSON.stringify(error)`, checked to be the family's summary and to hold none of the secrets. */
function assertJsonWithout(error: unknown, secrets: readonly string[]): Record<string, unknown> {
  assert.ok(error instanceof MessengerRxError, String(error));
  const json = JSON.stringify(error);
  for (const secret of secrets) assert.ok(!json.includes(secret), `${secret} in ${json}`);
  const parsed = JSON.parse(json) as Record<string, unknown>;
  assert.equal(parsed['name'], error.name);
  assert.equal(parsed['code'], error.code);
  assert.equal(parsed['message'], error.message);
  assert.equal('cause' in parsed, false, 'no cause in the JSON');
  return parsed;
}

/** The event the bot errors carry. */
const event = textEvent('USER', 'hi');

describe('the JSON of an error holds no secret', () => {
  describe('graph, over a real loopback connection', () => {
    useLoopback();

    it('GraphApiError: Graph echoes the token in its message', async () => {
      const server = await startServer((_req, res) => {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { message: `Bad token ${PAGE_TOKEN}`, type: 'OAuthException', code: 190 },
          }),
        );
      });
      try {
        const error = await rejection(makeClient({ baseUrl: server.url, retry: false }).send.text('1', 'hi'));
        assert.ok(error instanceof GraphApiError);
        const json = assertJsonWithout(error, GRAPH_SECRETS);
        assert.equal(json['code'], 190);
      } finally {
        await server.close();
      }
    });

    it("HttpError: a user fetch's own timeout (a DOMException TimeoutError) is a timeout, its cause left out", async () => {
      const server = await startServer(() => {
        /* never answers */
      });
      try {
        const client = makeClient({
          baseUrl: server.url,
          retry: false,
          timeoutMs: 10_000,
          fetch: (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(50) }),
        });
        const error = await rejection(client.request({ method: 'GET', path: 'me' }));
        assert.ok(error instanceof HttpError, String(error));
        assert.equal(error.reason, 'timeout');
        assert.equal(error.code, 'ERR_GRAPH_TIMEOUT');
        assertJsonWithout(error, GRAPH_SECRETS);
      } finally {
        await server.close();
      }
    });
  });

  it('webhook: a configuration error names the option, never the secret', () => {
    const error = (() => {
      try {
        createWebhook({ appSecret: ['super-secret-value', ''], verifyToken: 'verify-token-value' });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    assert.ok(error instanceof WebhookConfigError);
    const json = assertJsonWithout(error, ['super-secret-value', 'verify-token-value']);
    assert.equal(json['option'], 'appSecret');
  });

  it('redis and the bot: a refused accept (a wrong password in the URL), and the BotInboxError around it', async () => {
    const server = await startRedis({ password: 'the-right-one' });
    const inbox = new RedisInbox({
      redis: `redis://:wrong-pass-123@127.0.0.1:${server.port}`,
      acceptTimeoutMs: 1000,
      errors: () => {},
    });
    try {
      const refused = await rejection(inbox.accept([event]));
      assert.ok(refused instanceof RedisAcceptError, String(refused));
      assertJsonWithout(refused, ['wrong-pass-123', 'the-right-one']);
      const reported = assertJsonWithout(new BotInboxError(refused), ['wrong-pass-123', 'the-right-one']);
      assert.equal((reported['error'] as Record<string, unknown>)['code'], 'ERR_REDIS_ACCEPT');
    } finally {
      await inbox.stop();
      await server.stop();
    }
  });

  it("bot: what a handler threw shows only its name and message, never a foreign error's fields", () => {
    // An HTTP library's error typically carries its request, headers included.
    const thrown = Object.assign(new Error('Request failed with status 401'), {
      config: { headers: { authorization: 'Bearer third-party-secret' } },
    });
    const json = assertJsonWithout(new BotHandlerError(event, thrown, "on('message')"), [
      'third-party-secret',
    ]);
    assert.deepEqual(json['error'], { name: 'Error', message: 'Request failed with status 401' });
  });
});
