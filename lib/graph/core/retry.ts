import { GraphError, HttpError } from './errors.js';
import type { AmbiguousRetry, GraphRequest } from './request.js';

/**
 * Decides whether and when a failed call is tried again: `delayMs(error, attempt, request)` returns the wait
 * before retry number `attempt` (1-based, at most `maxRetries`), or undefined to give up and throw the error.
 */
export interface RetryPolicy {
  /** The most retries after the first attempt. */
  maxRetries: number;
  /** The wait before retry `attempt`, or undefined to stop retrying; `request` is the call that failed. */
  delayMs(error: unknown, attempt: number, request?: GraphRequest<unknown>): number | undefined;
}

/** Tuning of {@link createRetryPolicy}; every field has a sensible default. */
export interface RetryPolicyOptions {
  /**
   * Retries after the first attempt; default 3. With the default timeout (6 s) four attempts and their backoff
   * take at most about 26 s, inside the Bot's default handler timeout (30 s).
   */
  maxRetries?: number;
  /** Backoff base in ms; default 250. */
  baseDelayMs?: number;
  /** Backoff growth factor; default 2. */
  factor?: number;
  /** Largest backoff in ms (before jitter); default 30 000. */
  maxDelayMs?: number;
  /**
   * Longest wait the server may ask for (Retry-After, estimated_time_to_regain_access) that is still honoured;
   * a longer one gives up at once. Default 60 000.
   */
  maxWaitMs?: number;
  /** `full` (random between 0 and the backoff, the default) or `none`. */
  jitter?: 'full' | 'none';
  /** Random source in [0, 1); default Math.random. */
  random?: () => number;
  /**
   * Whether a POST that failed after Meta may have received it (a timeout, a reset connection, a non-JSON 5xx)
   * is tried again. Default: as each call says ({@link GraphRequest.ambiguousRetry}): a Send API message is
   * retried after a reset but not after a timeout, a public comment or mention reply never, idempotent calls
   * (sender actions, settings, private replies, which Meta takes once per comment) always. `true` retries every
   * such POST (a slow Graph API then delivers messages twice), `false` none of them.
   */
  retryAmbiguous?: boolean;
}

/**
 * True when an error is worth retrying: a transient or throttling Graph code, a 5xx/429, a network failure or a
 * timeout. False for permanent Graph errors (100, 190, 10, 200-299, 551, ...), aborts and anything else.
 */
export function isTransient(error: unknown): boolean {
  return error instanceof GraphError && error.retryable;
}

/**
 * Builds a retry policy: exponential backoff (`base * factor^(attempt-1)`, capped) with full jitter for transient
 * errors, honouring a server-requested wait when it is within `maxWaitMs` and giving up when it is longer.
 */
export function createRetryPolicy(options: RetryPolicyOptions = {}): RetryPolicy {
  const maxRetries = options.maxRetries ?? 3;
  const base = options.baseDelayMs ?? 250;
  const factor = options.factor ?? 2;
  const cap = options.maxDelayMs ?? 30_000;
  const maxWait = options.maxWaitMs ?? 60_000;
  const jitter = options.jitter ?? 'full';
  const random = options.random ?? Math.random;
  // The rule `retryAmbiguous` imposes on every call, or undefined to follow each call's own.
  const forced: AmbiguousRetry | undefined =
    options.retryAmbiguous === undefined ? undefined : options.retryAmbiguous ? 'always' : 'never';
  return {
    maxRetries,
    delayMs(error: unknown, attempt: number, request?: GraphRequest<unknown>): number | undefined {
      if (attempt > maxRetries || !isTransient(error)) return undefined;
      if (error instanceof HttpError && error.method === 'POST' && error.mayHaveReachedServer) {
        if (!mayRetryAmbiguous(forced ?? request?.ambiguousRetry ?? 'always', error)) return undefined;
      }
      const backoff = Math.min(cap, base * factor ** (attempt - 1));
      const delay = jitter === 'full' ? Math.floor(random() * backoff) : backoff;
      const asked = error instanceof GraphError ? error.retryAfterMs : undefined;
      if (asked === undefined) return delay;
      if (asked > maxWait) return undefined;
      return Math.max(asked, delay);
    },
  };
}

/**
 * Whether an ambiguous failure may be retried under a call's rule: `unless-timeout` refuses the failures that
 * mean Meta is slow rather than unreachable (a timeout, a 504), since Meta most likely has the first request.
 */
function mayRetryAmbiguous(rule: AmbiguousRetry, error: HttpError): boolean {
  if (rule === 'always') return true;
  if (rule === 'never') return false;
  return error.reason !== 'timeout' && !(error.reason === 'status' && error.status === 504);
}

/** The default policy: up to 3 retries, 250 ms base, factor 2, full jitter, 30 s cap, server waits up to 60 s. */
export const defaultRetryPolicy: RetryPolicy = createRetryPolicy();

/** Waits `ms` milliseconds, or rejects when the signal aborts; injectable so tests need not wait. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The real {@link Sleep}, on a timer. */
export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** A call through the client's pipeline: takes a request, resolves with the decoded body. */
export type GraphCall = (request: GraphRequest<unknown>) => Promise<unknown>;

/**
 * A layer around the raw call (grammY-style): receives the next layer and the request, and may change the
 * request, retry, throttle or log. Install with `client.use(transformer)`.
 */
export type GraphTransformer = (next: GraphCall, request: GraphRequest<unknown>) => Promise<unknown>;

/** What {@link retryTransformer} reports before each retry. */
export interface RetryInfo {
  error: unknown;
  attempt: number;
  delayMs: number;
  method: string;
  path: string;
}

/** Options of {@link retryTransformer}. */
export interface RetryTransformerOptions {
  /** How to wait; default a real timer. */
  sleep?: Sleep;
  /** Called before each retry (for logs and metrics; the error is already redacted). */
  onRetry?: (info: RetryInfo) => void;
}

/**
 * The retry layer: calls `next`, and on failure asks the policy for a delay, sleeps and tries again until the
 * policy gives up or `maxRetries` is reached; then the last error is thrown unchanged.
 */
export function retryTransformer(
  policy: RetryPolicy,
  options: RetryTransformerOptions = {},
): GraphTransformer {
  const wait = options.sleep ?? sleep;
  return async (next, request) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(request);
      } catch (error) {
        if (attempt > policy.maxRetries) throw error;
        const delay = policy.delayMs(error, attempt, request);
        if (delay === undefined) throw error;
        options.onRetry?.({ error, attempt, delayMs: delay, method: request.method, path: request.path });
        try {
          await wait(Math.max(0, delay), request.signal);
        } catch {
          throw error; // aborted while waiting: report the failure that caused the wait
        }
      }
    }
  };
}
