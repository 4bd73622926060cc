import assert from 'node:assert/strict';
import nock from 'nock';
import { HttpError, defaultThrottleKey, throttleTransformer } from '../../lib/graph/index.js';
import type { GraphRequest, Sleep, ThrottleOptions } from '../../lib/graph/index.js';
import { BASE, instantSleep, makeClient, THROTTLED, useNock } from './helpers.js';

/** A fake clock: `sleep` registers a timer, `run` fires the timers in time order until a promise settles. */
class FakeClock {
  t = 0;
  readonly waits: number[] = [];
  private timers: { at: number; resolve: () => void }[] = [];
  readonly now = (): number => this.t;
  readonly sleep: Sleep = (ms) =>
    new Promise<void>((resolve) => {
      this.waits.push(ms);
      this.timers.push({ at: this.t + ms, resolve });
    });

  /** Lets every pending callback run (microtasks, nock's replies) before the clock moves. */
  static async settle(): Promise<void> {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  }

  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const watched = work.finally(() => (settled = true));
    watched.catch(() => {});
    while (!settled) {
      await FakeClock.settle();
      if (settled) break;
      this.timers.sort((a, b) => a.at - b.at);
      const timer = this.timers.shift();
      if (timer === undefined) continue;
      this.t = Math.max(this.t, timer.at);
      timer.resolve();
    }
    return watched;
  }
}

const send = (path: string, extra: Partial<GraphRequest<unknown>> = {}): GraphRequest<unknown> => ({
  method: 'POST',
  path,
  ...extra,
});

/** A throttle over a fake `next` that records which call left at what time. */
function harness(options: Omit<ThrottleOptions, 'now' | 'sleep'>) {
  const clock = new FakeClock();
  const throttle = throttleTransformer({ ...options, now: clock.now, sleep: clock.sleep });
  const sent: [string, number][] = [];
  const call = (label: string, request: GraphRequest<unknown>): Promise<unknown> =>
    throttle(async () => {
      sent.push([label, clock.t]);
      return label;
    }, request);
  return { clock, throttle, sent, call };
}

describe('graph throttle layer', () => {
  it('lets `burst` calls go at once and spaces the rest 1/perSecond apart', async () => {
    const { clock, sent, call } = harness({ perSecond: 4, burst: 2 });
    const calls = ['a', 'b', 'c', 'd', 'e'].map((label) => call(label, send('p1/messages')));
    assert.deepEqual(await clock.run(Promise.all(calls)), ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(sent, [
      ['a', 0],
      ['b', 0],
      ['c', 250],
      ['d', 500],
      ['e', 750],
    ]);
  });

  it('defaults burst to perSecond', async () => {
    const { clock, sent, call } = harness({ perSecond: 3 });
    await clock.run(Promise.all([1, 2, 3, 4].map((n) => call(String(n), send('me/messages')))));
    assert.deepEqual(
      sent.map(([, t]) => t),
      [0, 0, 0, 334],
    );
  });

  it('keeps one bucket per account: a busy page does not slow another page', async () => {
    const { clock, sent, call } = harness({ perSecond: 1, burst: 1 });
    const calls = [
      call('p1-a', send('p1/messages')),
      call('p1-b', send('p1/messages')),
      call('p2-a', send('p2/messages')),
      call('ig-a', send('me/messages', { accountId: 'ig1' })),
      call('ig-b', send('ig1/replies')),
    ];
    await clock.run(Promise.all(calls));
    assert.deepEqual(
      new Map(sent),
      new Map([
        ['p1-a', 0],
        ['p2-a', 0],
        ['ig-a', 0],
        ['p1-b', 1000],
        ['ig-b', 1000],
      ]),
    );
    assert.equal(defaultThrottleKey(send('/123/messages')), '123');
    assert.equal(defaultThrottleKey(send('me/messages', { accountId: '9' })), '9');
  });

  it('keeps calls in order: a call made after a token refilled still waits behind earlier waiting calls', async () => {
    const { clock, sent, call } = harness({ perSecond: 1, burst: 1 });
    const first = [call('a', send('me/messages')), call('b', send('me/messages'))];
    await FakeClock.settle();
    clock.t = 1000; // a token is free again, but b has been waiting for it
    const late = call('c', send('me/messages'));
    await clock.run(Promise.all([...first, late]));
    assert.deepEqual(
      sent.map(([label]) => label),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(sent[2], ['c', 2000]);
  });

  it('rejects a call whose signal aborts while it waits, without sending it, and frees its place', async () => {
    const { clock, sent, call } = harness({ perSecond: 1, burst: 1 });
    const controller = new AbortController();
    const a = call('a', send('me/messages'));
    const b = call('b', send('me/messages', { signal: controller.signal }));
    const c = call('c', send('me/messages'));
    const bFailed = b.catch((e: unknown) => e);
    await FakeClock.settle();
    controller.abort(new Error('user gave up'));
    const error = await bFailed;
    assert.ok(error instanceof HttpError && error.reason === 'aborted', String(error));
    assert.match(error.message, /POST me\/messages was aborted: while waiting for the throttle/);
    await clock.run(Promise.all([a, c]));
    assert.deepEqual(sent, [
      ['a', 0],
      ['c', 1000],
    ]);
    const already = call('d', send('me/messages', { signal: AbortSignal.abort() }));
    await assert.rejects(already, (e: unknown) => e instanceof HttpError && e.reason === 'aborted');
    assert.equal(sent.length, 2);
  });

  it('throttles only the calls its filter picks', async () => {
    const { clock, sent, call } = harness({
      perSecond: 1,
      burst: 1,
      filter: (request) => request.method === 'POST' && request.path.endsWith('/messages'),
    });
    const calls = [
      call('send-1', send('me/messages')),
      call('get', { method: 'GET', path: 'me' }),
      call('profile', send('me/messenger_profile')),
      call('send-2', send('me/messages')),
    ];
    await clock.run(Promise.all(calls));
    assert.deepEqual(
      new Map(sent),
      new Map([
        ['send-1', 0],
        ['get', 0],
        ['profile', 0],
        ['send-2', 1000],
      ]),
    );
  });

  it('forgets buckets that are full again, so memory stays bounded by the recently busy accounts', async () => {
    const { clock, throttle, call } = harness({ perSecond: 2, burst: 2 });
    await Promise.all(['p1', 'p2', 'p3'].map((page) => call(page, send(`${page}/messages`))));
    assert.equal(throttle.size, 3);
    clock.t = 750; // p1..p3 are full again (1 + 750 ms * 2/s), but a sweep runs at most once per refill period
    await call('p4', send('p4/messages'));
    assert.equal(throttle.size, 4);
    clock.t = 1000; // a full refill period since the start: the full buckets go, p4 (refilling) stays
    await call('p5', send('p5/messages'));
    assert.equal(throttle.size, 2);
  });

  it('refuses a rate that is not positive and a burst below one', () => {
    assert.throws(() => throttleTransformer({ perSecond: 0 }), RangeError);
    assert.throws(() => throttleTransformer({ perSecond: Number.NaN }), RangeError);
    assert.throws(() => throttleTransformer({ perSecond: 10, burst: 0.5 }), RangeError);
  });
});

describe('graph client throttle option', () => {
  useNock();

  it('sits inside the retry layer: every retried attempt waits for a token, user layers wrap both', async () => {
    const scope = nock(BASE)
      .get('/v25.0/me')
      .query(true)
      .reply(400, THROTTLED)
      .get('/v25.0/me')
      .query(true)
      .reply(503, 'unavailable')
      .get('/v25.0/me')
      .query(true)
      .reply(200, { id: '1' });
    const clock = new FakeClock();
    const retry = instantSleep();
    const seenByUserLayer: string[] = [];
    const client = makeClient({
      sleep: retry.sleep,
      throttle: { perSecond: 1, burst: 1, now: clock.now, sleep: clock.sleep },
    }).use((next, request) => {
      seenByUserLayer.push(request.path);
      return next(request);
    });
    assert.deepEqual(await clock.run(client.request({ method: 'GET', path: 'me' })), { id: '1' });
    scope.done();
    assert.equal(retry.waits.length, 2);
    assert.deepEqual(clock.waits, [1000, 1000]);
    assert.equal(clock.t, 2000);
    assert.deepEqual(seenByUserLayer, ['me']);
  });
});
