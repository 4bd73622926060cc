import { HttpError } from './errors.js';
import { normalisePath, requestAccountId } from './request.js';
import type { GraphRequest } from './request.js';
import { sleep as realSleep } from './retry.js';
import type { GraphTransformer, Sleep } from './retry.js';

/**
 * Tuning of {@link throttleTransformer}: a token bucket per key that refills at `perSecond` and holds at most
 * `burst` tokens. Meta's limits (meta-platform.md section 6) are e.g. 300/s per Page for Messenger text, 10/s for
 * audio and video, 100/s for Instagram text.
 */
export interface ThrottleOptions {
  /** Calls per second allowed per key (the bucket's refill rate); must be positive. */
  perSecond: number;
  /** Calls that may go at once after an idle period (the bucket's size); default `perSecond`, at least 1. */
  burst?: number;
  /** Which bucket a call uses; default {@link defaultThrottleKey} (the account the call is for). */
  key?: (request: GraphRequest<unknown>) => string;
  /** Throttle only the calls for which this returns true (e.g. only `POST .../messages`); default all. */
  filter?: (request: GraphRequest<unknown>) => boolean;
  /** Clock in milliseconds; default `performance.now()` (monotonic). Tests inject a fake one. */
  now?: () => number;
  /** How the throttle waits for a token; default a real timer. Tests inject one driven by their fake clock. */
  sleep?: Sleep;
}

/** A throttle layer; `size` tells how many buckets it holds (buckets that are full again are forgotten). */
export interface ThrottleTransformer extends GraphTransformer {
  /** The number of buckets currently held in memory. */
  readonly size: number;
}

/**
 * The default throttle key: the account the call is for, i.e. `request.accountId`, else the first path segment
 * (a page id, an Instagram user id or `me`), the same account the token resolver is asked about.
 */
export function defaultThrottleKey(request: GraphRequest<unknown>): string {
  return requestAccountId(request);
}

interface Waiter {
  release(): void;
  fail(error: unknown): void;
}

interface Bucket {
  tokens: number;
  at: number;
  queue: Waiter[];
  draining: boolean;
}

/** Float slack so that a bucket refilled to 0.9999999 by rounding still counts as holding a token. */
const EPSILON = 1e-9;

/**
 * The throttling layer: a token bucket per key; a call takes a token and goes, or waits (it is not failed) until
 * one is free. Waiting calls leave in the order they were made (FIFO per key); a call whose `signal` aborts while
 * it waits is rejected with an `aborted` HttpError without being sent. Install it with `client.use()` or the
 * client's `throttle` option (which puts it inside the retry layer, so every attempt takes a token).
 */
export function throttleTransformer(options: ThrottleOptions): ThrottleTransformer {
  const { perSecond } = options;
  const burst = options.burst ?? perSecond;
  if (!(perSecond > 0) || !Number.isFinite(perSecond)) {
    throw new RangeError(`throttle perSecond must be a positive number, got ${perSecond}`);
  }
  if (!(burst >= 1) || !Number.isFinite(burst)) {
    throw new RangeError(`throttle burst must be at least 1, got ${burst}`);
  }
  const rate = perSecond / 1000; // tokens per ms
  const refillMs = burst / rate; // time for an empty bucket to become full
  const keyOf = options.key ?? defaultThrottleKey;
  const now = options.now ?? (() => performance.now());
  const wait = options.sleep ?? realSleep;
  const buckets = new Map<string, Bucket>();
  let lastSweep = now();

  const refill = (bucket: Bucket, t: number): void => {
    bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, t - bucket.at) * rate);
    bucket.at = t;
  };

  /** Forgets idle buckets that are full again (a new full bucket behaves the same); at most once per refill. */
  const sweep = (t: number): void => {
    if (t - lastSweep < refillMs) return;
    lastSweep = t;
    for (const [key, bucket] of buckets) {
      if (bucket.queue.length === 0 && !bucket.draining) {
        refill(bucket, t);
        if (bucket.tokens >= burst - EPSILON) buckets.delete(key);
      }
    }
  };

  /** Hands tokens to the queued calls in order, sleeping until the next token while the queue is not empty. */
  const drain = async (bucket: Bucket): Promise<void> => {
    bucket.draining = true;
    try {
      while (bucket.queue.length > 0) {
        refill(bucket, now());
        if (bucket.tokens >= 1 - EPSILON) {
          bucket.tokens -= 1;
          bucket.queue.shift()?.release();
        } else {
          await wait(Math.ceil((1 - bucket.tokens) / rate));
        }
      }
    } catch (error) {
      for (const waiter of bucket.queue.splice(0)) waiter.fail(error);
    } finally {
      bucket.draining = false;
    }
  };

  const acquire = (request: GraphRequest<unknown>): Promise<void> | undefined => {
    const t = now();
    sweep(t);
    const key = keyOf(request);
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = { tokens: burst, at: t, queue: [], draining: false };
      buckets.set(key, bucket);
    } else {
      refill(bucket, t);
    }
    if (bucket.queue.length === 0 && bucket.tokens >= 1 - EPSILON) {
      bucket.tokens -= 1;
      return undefined;
    }
    const { signal } = request;
    const aborted = (): HttpError =>
      new HttpError({
        reason: 'aborted',
        method: request.method,
        path: normalisePath(request.path),
        detail: 'while waiting for the throttle',
        cause: signal?.reason,
      });
    if (signal?.aborted === true) return Promise.reject(aborted());
    const queue = bucket.queue;
    const waiting = new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        reject(aborted());
      };
      const waiter: Waiter = {
        release: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    if (!bucket.draining) void drain(bucket);
    return waiting;
  };

  const transformer: GraphTransformer = async (next, request) => {
    if (options.filter !== undefined && !options.filter(request)) return next(request);
    await acquire(request);
    return next(request);
  };
  return Object.defineProperty(transformer, 'size', { get: () => buckets.size }) as ThrottleTransformer;
}
