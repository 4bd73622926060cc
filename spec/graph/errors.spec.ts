import assert from 'node:assert/strict';
import util from 'node:util';
import nock from 'nock';
import { GraphApiError, GraphClient, GraphError, HttpError } from '../../lib/graph/index.js';
import { REDACTED } from '../../lib/graph/core/redact.js';
import {
  APP_SECRET,
  APP_TOKEN,
  BASE,
  PAGE_TOKEN,
  auth,
  closedPort,
  makeClient,
  proofOf,
  startServer,
  useLoopback,
  useNock,
} from './helpers.js';

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

/** Everything an error could show in a log: message, stack, JSON, inspect (with causes), toString. */
function everythingShown(error: unknown): string {
  const e = error as Error;
  return [
    String(e),
    e.message,
    e.stack ?? '',
    JSON.stringify(e),
    util.inspect(e, { depth: 10, showHidden: true }),
    util.inspect(e.cause, { depth: 10, showHidden: true }),
  ].join('\n');
}

function assertNoSecrets(error: unknown, ...extra: string[]): void {
  const shown = everythingShown(error);
  for (const secret of [
    PAGE_TOKEN,
    APP_SECRET,
    APP_TOKEN,
    'appsecretpartSECRETAPP',
    proofOf(PAGE_TOKEN),
    ...extra,
  ]) {
    assert.ok(!shown.includes(secret), `leaked ${secret} in:\n${shown}`);
  }
}

describe('graph errors', () => {
  useNock();

  it('maps an error object to GraphApiError with all of Graph fields, method and path', async () => {
    nock(BASE)
      .post('/v25.0/me/messages')
      .query(auth())
      .reply(400, {
        error: {
          message: '(#100) No matching user found',
          type: 'OAuthException',
          code: 100,
          error_subcode: 2018001,
          fbtrace_id: 'AbCdEf',
          error_user_title: 'Title',
          error_user_msg: 'User message',
        },
      });
    const error = await failure(makeClient().send.text('1', 'hi'));
    assert.ok(error instanceof GraphApiError);
    assert.ok(error instanceof GraphError);
    assert.equal(error.name, 'GraphApiError');
    assert.equal(error.graphMessage, '(#100) No matching user found');
    assert.equal(error.type, 'OAuthException');
    assert.equal(error.code, 100);
    assert.equal(error.subcode, 2018001);
    assert.equal(error.fbtraceId, 'AbCdEf');
    assert.equal(error.error_subcode, 2018001, "Meta's own name for the subcode");
    assert.equal(error.fbtrace_id, 'AbCdEf', "Meta's own name for the trace id");
    assert.equal(error.userTitle, 'Title');
    assert.equal(error.userMessage, 'User message');
    assert.equal(error.status, 400);
    assert.equal(error.method, 'POST');
    assert.equal(error.path, 'me/messages');
    assert.equal(error.retryable, false);
    assert.match(
      error.message,
      /No matching user found \(code 100\/2018001, POST me\/messages, fbtrace_id AbCdEf\)/,
    );
  });

  it('marks every transient and throttling code of meta-platform.md retryable and every permanent one not', async () => {
    const transient = [1, 2, 4, 17, 32, 341, 613, 1200, 80001, 80002, 80006];
    const permanent = [100, 190, 10, 200, 230, 250, 299, 551];
    const cases: [number, number, boolean][] = [
      ...transient.map((code): [number, number, boolean] => [code, 400, true]),
      ...permanent.map((code): [number, number, boolean] => [code, 400, false]),
      [2, 500, true],
      [100, 500, false],
      [99999, 400, false],
      [99999, 503, true],
    ];
    for (const [code, status, retryable] of cases) {
      nock(BASE)
        .get('/v25.0/me')
        .query(true)
        .reply(status, { error: { message: 'x', code } });
      const error = await failure(makeClient({ retry: false }).request({ method: 'GET', path: 'me' }));
      assert.ok(error instanceof GraphApiError);
      assert.equal(error.retryable, retryable, `code ${code} status ${status}`);
    }
  });

  it('maps a non-JSON 5xx to a retryable HttpError of reason status', async () => {
    nock(BASE).get('/v25.0/me').query(true).reply(502, '<html>Bad Gateway</html>');
    const error = await failure(makeClient({ retry: false }).request({ method: 'GET', path: 'me' }));
    assert.ok(error instanceof HttpError);
    assert.equal(error.reason, 'status');
    assert.equal(error.status, 502);
    assert.equal(error.retryable, true);
    assert.equal(error.path, 'me');
    assert.match(error.message, /GET me failed with HTTP 502/);
  });

  it('maps a 200 whose body is not JSON to a non-retryable HttpError of reason invalid_json', async () => {
    nock(BASE).get('/v25.0/me').query(true).reply(200, 'ok');
    const error = await failure(makeClient().request({ method: 'GET', path: 'me' }));
    assert.ok(error instanceof HttpError);
    assert.equal(error.reason, 'invalid_json');
    assert.equal(error.retryable, false);
  });

  it('keeps the token, app secret and proof out of a GraphApiError even when Graph echoes the token', async () => {
    nock(BASE)
      .get('/v25.0/me')
      .query(true)
      .reply(400, {
        error: {
          message: `Malformed access token ${PAGE_TOKEN}`,
          type: 'OAuthException',
          code: 190,
          error_user_msg: `token ${PAGE_TOKEN}`,
        },
      });
    const error = await failure(makeClient().request({ method: 'GET', path: 'me' }));
    assert.ok(error instanceof GraphApiError);
    assert.equal(error.graphMessage, 'Malformed access token [redacted]');
    assertNoSecrets(error);
  });

  it('keeps an app access token (APPID|SECRET) out of errors of app-level calls', async () => {
    nock(BASE)
      .get('/v25.0/1234567890/subscriptions')
      .query(true)
      .reply(400, { error: { message: `Invalid OAuth access token ${APP_TOKEN}`, code: 190 } });
    const error = await failure(makeClient().subscriptions.list('1234567890'));
    assert.ok(error instanceof GraphApiError);
    assertNoSecrets(error);
    // Only the token goes: Graph's own words stay as Meta wrote them.
    assert.equal(error.graphMessage, `Invalid OAuth access token ${REDACTED}`);
  });

  it('keeps a resolver-supplied token out of the cause of a fetch failure that quotes the URL', async () => {
    const resolved = 'EAAresolvedTOKENxyz987654321';
    const client = new GraphClient({
      accessToken: () => resolved,
      appSecret: APP_SECRET,
      retry: false,
      fetch: (input) => Promise.reject(new TypeError(`Failed to parse URL from ${String(input)}`)),
    });
    const error = await failure(client.send.text('1', 'hi', { from: '123' }));
    assert.ok(error instanceof HttpError);
    assert.match(String((error.cause as Error).message), /access_token=\[redacted\]/);
    assertNoSecrets(error, resolved, proofOf(resolved));
  });

  it('keeps secrets out of errors from the default transport given an unparsable URL', async () => {
    const client = makeClient({ baseUrl: 'http://bad host name', retry: false });
    const error = await failure(client.request({ method: 'GET', path: 'me' }));
    assert.ok(error instanceof HttpError);
    // The transport quotes the whole URL (query included), as fetch does; the copy kept as cause is redacted.
    assert.match((error.cause as Error).message, /access_token=\[redacted\]/);
    assertNoSecrets(error);
  });

  it('stores the path without the query on every error', async () => {
    nock(BASE).get('/v25.0/me/messenger_profile').query(true).reply(500, 'oops');
    const error = await failure(makeClient({ retry: false }).profile.get(['greeting']));
    assert.ok(error instanceof HttpError);
    assert.equal(error.path, 'me/messenger_profile');
    assert.deepEqual(JSON.parse(JSON.stringify(error)), {
      name: 'HttpError',
      message: 'Graph request GET me/messenger_profile failed with HTTP 500 and a non-JSON body',
      method: 'GET',
      path: 'me/messenger_profile',
      reason: 'status',
      code: 'ERR_GRAPH_STATUS',
      status: 500,
      mayHaveReachedServer: true,
      retryable: true,
    });
  });
});

describe('graph errors over a real loopback connection', () => {
  useLoopback();

  it('maps a refused connection to a retryable network HttpError that certainly did not reach the server', async () => {
    const port = await closedPort();
    const client = makeClient({ baseUrl: `http://127.0.0.1:${port}`, retry: false });
    const error = await failure(client.send.text('1', 'hi'));
    assert.ok(error instanceof HttpError);
    assert.equal(error.reason, 'network');
    assert.equal(error.code, 'ECONNREFUSED');
    assert.equal(error.mayHaveReachedServer, false);
    assert.equal(error.retryable, true);
    assert.ok(error.cause instanceof Error);
    assertNoSecrets(error);
  });

  it('maps a connection reset after sending to a network HttpError that may have reached the server', async () => {
    const server = await startServer((req) => req.socket.destroy());
    try {
      const error = await failure(makeClient({ baseUrl: server.url, retry: false }).send.text('1', 'hi'));
      assert.ok(error instanceof HttpError);
      assert.equal(error.reason, 'network');
      assert.equal(error.mayHaveReachedServer, true);
      assert.equal(error.retryable, true);
      assert.equal(typeof error.code, 'string');
      assert.equal(server.requests.length, 1);
      assertNoSecrets(error);
    } finally {
      await server.close();
    }
  });

  it('times out a request that gets no answer within timeoutMs with an HttpError of reason timeout', async () => {
    const server = await startServer(() => {
      /* never answers */
    });
    try {
      const client = makeClient({ baseUrl: server.url, retry: false, timeoutMs: 50 });
      const error = await failure(client.request({ method: 'GET', path: 'me' }));
      assert.ok(error instanceof HttpError);
      assert.equal(error.reason, 'timeout');
      assert.equal(error.retryable, true);
      assert.match(error.message, /GET me timed out/);
      assert.equal(server.requests.length, 1);
      assertNoSecrets(error);
    } finally {
      await server.close();
    }
  });

  it('reports an abort by the caller as a non-retryable HttpError of reason aborted', async () => {
    const controller = new AbortController();
    // Aborted once the server has the request (by causality, not after a delay that a loaded machine may miss).
    const server = await startServer(() => controller.abort());
    try {
      const pending = makeClient({ baseUrl: server.url }).request({
        method: 'GET',
        path: 'me',
        signal: controller.signal,
      });
      const error = await failure(pending);
      assert.ok(error instanceof HttpError);
      assert.equal(error.reason, 'aborted');
      assert.equal(error.retryable, false);
      assert.equal(server.requests.length, 1, 'an abort is not retried');
    } finally {
      await server.close();
    }
  });

  it('retries a timed-out idempotent request (a sender action) and resolves with the next answer', async () => {
    let calls = 0;
    const server = await startServer((_req, res) => {
      calls++;
      if (calls === 1) return; // the first attempt hangs until the client times out
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ recipient_id: '1' }));
    });
    try {
      // A timed-out message is not retried (spec/graph/ambiguous.spec.ts); a typing indicator twice is harmless.
      const client = makeClient({ baseUrl: server.url, timeoutMs: 50 });
      assert.deepEqual(await client.send.senderAction('1', 'typing_on'), { recipient_id: '1' });
      assert.equal(server.requests.length, 2);
      assert.match(server.requests[1] ?? '', /^POST \/v25\.0\/me\/messages\?access_token=/);
    } finally {
      await server.close();
    }
  });
});
