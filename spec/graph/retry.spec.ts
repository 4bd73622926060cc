import assert from 'node:assert/strict';
import nock from 'nock';
import {
  GraphApiError,
  HttpError,
  createRetryPolicy,
  defaultRetryPolicy,
  isTransient,
} from '../../lib/graph/index.js';
import { parseBusinessUseCaseWait, parseRetryAfter } from '../../lib/graph/core/usage.js';
import type { GraphRequest, RetryInfo } from '../../lib/graph/index.js';
import { BASE, auth, instantSleep, makeClient, THROTTLED, useNock } from './helpers.js';

function apiError(code: number, retryAfterMs?: number, status = 400): GraphApiError {
  return new GraphApiError({
    method: 'POST',
    path: 'me/messages',
    graphMessage: 'x',
    type: 'OAuthException',
    code,
    subcode: undefined,
    fbtraceId: undefined,
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

const SEND_OK = { recipient_id: '1', message_id: 'm1' };

describe('graph retry policy', () => {
  it('defaults to 3 retries with full-jitter exponential backoff from 250 ms', () => {
    assert.equal(defaultRetryPolicy.maxRetries, 3);
    const top = createRetryPolicy({ random: () => 0.999999 });
    assert.deepEqual(
      [1, 2, 3].map((n) => top.delayMs(apiError(613), n)),
      [249, 499, 999],
    );
    const bottom = createRetryPolicy({ random: () => 0 });
    assert.equal(bottom.delayMs(apiError(613), 1), 0);
  });

  it('caps the backoff at maxDelayMs', () => {
    const policy = createRetryPolicy({ jitter: 'none', maxRetries: 20, maxDelayMs: 30_000 });
    assert.equal(policy.delayMs(apiError(1), 15), 30_000);
    assert.equal(policy.delayMs(apiError(1), 2), 500);
  });

  it('gives up after maxRetries and on permanent errors', () => {
    const policy = createRetryPolicy({ jitter: 'none' });
    assert.equal(policy.delayMs(apiError(613), 4), undefined);
    for (const code of [100, 190, 10, 200, 299, 551, 368]) {
      assert.equal(policy.delayMs(apiError(code), 1), undefined, `code ${code}`);
    }
    assert.equal(policy.delayMs(new Error('boom'), 1), undefined);
  });

  it('waits as long as the server asks when that is within maxWaitMs, and gives up when it is longer', () => {
    const policy = createRetryPolicy({ jitter: 'none', maxWaitMs: 60_000 });
    assert.equal(policy.delayMs(apiError(80006, 60_000), 1), 60_000);
    assert.equal(policy.delayMs(apiError(80006, 120_000), 1), undefined);
  });

  it('can refuse to retry POSTs whose failure may have reached Meta, to avoid duplicate messages', () => {
    const reset = new HttpError({
      reason: 'network',
      method: 'POST',
      path: 'me/messages',
      code: 'ECONNRESET',
    });
    const refused = new HttpError({
      reason: 'network',
      method: 'POST',
      path: 'me/messages',
      code: 'ECONNREFUSED',
    });
    const careful = createRetryPolicy({ retryAmbiguous: false, jitter: 'none' });
    assert.equal(careful.delayMs(reset, 1), undefined);
    assert.equal(careful.delayMs(refused, 1), 250);
    assert.equal(defaultRetryPolicy.delayMs(reset, 1) !== undefined, true);
  });

  it('classifies errors with isTransient', () => {
    assert.equal(isTransient(apiError(17)), true);
    assert.equal(isTransient(apiError(190)), false);
    assert.equal(isTransient(new HttpError({ reason: 'timeout', method: 'GET', path: 'me' })), true);
    assert.equal(isTransient(new HttpError({ reason: 'aborted', method: 'GET', path: 'me' })), false);
    assert.equal(
      isTransient(new HttpError({ reason: 'status', status: 404, method: 'GET', path: 'me' })),
      false,
    );
    assert.equal(
      isTransient(new HttpError({ reason: 'status', status: 429, method: 'GET', path: 'me' })),
      true,
    );
    assert.equal(isTransient(new TypeError('x')), false);
  });

  it('parses Retry-After and X-Business-Use-Case-Usage waits', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(parseRetryAfter(null), undefined);
    const header = JSON.stringify({
      '112233': [
        { type: 'messenger', call_count: 100, estimated_time_to_regain_access: 2 },
        { type: 'pages', call_count: 10, estimated_time_to_regain_access: 0 },
      ],
    });
    assert.equal(parseBusinessUseCaseWait(header), 120_000);
    assert.equal(parseBusinessUseCaseWait('not json'), undefined);
    assert.equal(
      parseBusinessUseCaseWait(JSON.stringify({ a: [{ estimated_time_to_regain_access: 0 }] })),
      undefined,
    );
  });
});

describe('graph retry layer', () => {
  useNock();

  it('retries a throttled send and resolves with the later success', async () => {
    const scope = nock(BASE)
      .post('/v25.0/me/messages')
      .query(auth())
      .reply(400, THROTTLED)
      .post('/v25.0/me/messages')
      .query(auth())
      .reply(500, 'Internal Server Error')
      .post('/v25.0/me/messages')
      .query(auth())
      .reply(200, SEND_OK);
    const { waits, sleep } = instantSleep();
    const retries: RetryInfo[] = [];
    const client = makeClient({ sleep, onRetry: (info) => retries.push(info) });
    assert.deepEqual(await client.send.text('1', 'hi'), SEND_OK);
    scope.done();
    assert.equal(waits.length, 2);
    assert.ok(waits[0]! >= 0 && waits[0]! < 250 && waits[1]! < 500);
    assert.deepEqual(
      retries.map((r) => [r.attempt, r.method, r.path]),
      [
        [1, 'POST', 'me/messages'],
        [2, 'POST', 'me/messages'],
      ],
    );
  });

  it('gives up after maxRetries and throws the last error', async () => {
    const scope = nock(BASE).get('/v25.0/me').query(true).times(3).reply(400, THROTTLED);
    const client = makeClient({ retry: createRetryPolicy({ maxRetries: 2 }) });
    await assert.rejects(client.request({ method: 'GET', path: 'me' }), (e: unknown) => {
      return e instanceof GraphApiError && e.code === 613;
    });
    scope.done();
  });

  it('makes 4 attempts with the default policy before giving up', async () => {
    const scope = nock(BASE).get('/v25.0/me').query(true).times(4).reply(503, 'unavailable');
    await assert.rejects(makeClient().request({ method: 'GET', path: 'me' }), HttpError);
    scope.done();
  });

  it('never retries invalid parameter (100) or token (190) errors', async () => {
    for (const code of [100, 190]) {
      const scope = nock(BASE)
        .post('/v25.0/me/messages')
        .query(true)
        .reply(400, { error: { message: 'no', code } });
      const { waits, sleep } = instantSleep();
      await assert.rejects(makeClient({ sleep }).send.text('1', 'hi'), GraphApiError);
      scope.done();
      assert.equal(waits.length, 0);
      assert.ok(nock.isDone());
    }
  });

  it('waits for estimated_time_to_regain_access when it is within the maximum wait', async () => {
    const usage = JSON.stringify({ '1': [{ type: 'messenger', estimated_time_to_regain_access: 1 }] });
    const scope = nock(BASE)
      .post('/v25.0/me/messages')
      .query(true)
      .reply(400, { error: { message: 'throttled', code: 80006 } }, { 'X-Business-Use-Case-Usage': usage })
      .post('/v25.0/me/messages')
      .query(true)
      .reply(200, SEND_OK);
    const { waits, sleep } = instantSleep();
    await makeClient({ sleep }).send.text('1', 'hi');
    scope.done();
    assert.deepEqual(waits, [60_000]);
  });

  it('gives up at once when estimated_time_to_regain_access exceeds the maximum wait', async () => {
    const usage = JSON.stringify({ '1': [{ type: 'messenger', estimated_time_to_regain_access: 30 }] });
    const scope = nock(BASE)
      .post('/v25.0/me/messages')
      .query(true)
      .reply(400, { error: { message: 'throttled', code: 80006 } }, { 'X-Business-Use-Case-Usage': usage });
    const { waits, sleep } = instantSleep();
    const error = await makeClient({ sleep })
      .send.text('1', 'hi')
      .catch((e: unknown) => e);
    scope.done();
    assert.ok(error instanceof GraphApiError);
    assert.equal(error.retryAfterMs, 30 * 60_000);
    assert.deepEqual(waits, []);
  });

  it('honours Retry-After on a 429', async () => {
    const scope = nock(BASE)
      .get('/v25.0/me')
      .query(true)
      .reply(429, 'slow down', { 'Retry-After': '7' })
      .get('/v25.0/me')
      .query(true)
      .reply(200, {});
    const { waits, sleep } = instantSleep();
    await makeClient({ sleep }).request({ method: 'GET', path: 'me' });
    scope.done();
    assert.deepEqual(waits, [7000]);
  });

  it('does not retry at all with retry: false', async () => {
    const scope = nock(BASE).get('/v25.0/me').query(true).reply(400, THROTTLED);
    await assert.rejects(makeClient({ retry: false }).request({ method: 'GET', path: 'me' }), GraphApiError);
    scope.done();
  });

  it('lets a user replace the retry layer with their own transformer', async () => {
    const scope = nock(BASE)
      .get('/v25.0/me')
      .query(true)
      .reply(400, THROTTLED)
      .get('/v25.0/me')
      .query(true)
      .reply(200, { id: '1' });
    const seen: string[] = [];
    const client = makeClient({ retry: false }).use(async (next, request: GraphRequest<unknown>) => {
      seen.push(request.path);
      try {
        return await next(request);
      } catch {
        return next(request);
      }
    });
    assert.deepEqual(await client.request({ method: 'GET', path: 'me' }), { id: '1' });
    assert.deepEqual(seen, ['me']);
    scope.done();
  });
});
