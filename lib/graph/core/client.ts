import { rawRequest } from './request.js';
import type { GraphRequest, RawRequestConfig, TokenPlacement, TokenResolver } from './request.js';
import { defaultRetryPolicy, retryTransformer } from './retry.js';
import type { GraphCall, GraphTransformer, RetryInfo, RetryPolicy, Sleep } from './retry.js';
import { throttleTransformer } from './throttle.js';
import { fetchTransport, nodeTransport } from './transport.js';
import type { FetchLike, Transport } from './transport.js';
import type { UsageListener } from './usage.js';
import type { ThrottleOptions } from './throttle.js';

/** The default Graph API host. */
export const DEFAULT_BASE_URL = 'https://graph.facebook.com';
/** The default Graph API version. */
export const DEFAULT_VERSION = 'v25.0';
/**
 * The default request timeout in milliseconds: 6 s, so that four attempts (the default three retries) and their
 * backoff fit in the Bot's default handler timeout of 30 s.
 */
export const DEFAULT_TIMEOUT_MS = 6_000;

/**
 * Options of `new GraphClient()`: tokens or a resolver, app secret, base URL, version, timeout, retry, throttle,
 * and the transport (or a `fetch`) calls travel by. All optional; secrets are kept private to the instance.
 */
export interface GraphClientOptions {
  /** Page / Instagram account token, or a resolver from account id (page id, IG user id or `me`) to token. */
  accessToken?: string | TokenResolver | undefined;
  /** App access token (`APPID|SECRET` or one from the OAuth endpoint) for `/{app-id}/subscriptions`. */
  appAccessToken?: string | undefined;
  /** App secret: when set, every call carries `appsecret_proof`. */
  appSecret?: string | undefined;
  /** Base URL; default `https://graph.facebook.com` (the emulator's URL in tests and examples). */
  baseUrl?: string | undefined;
  /** Graph version; default `v25.0`; `''` sends unversioned calls. */
  version?: string | undefined;
  /** Request timeout in ms (covers connecting and reading the body); default 6 000 ({@link DEFAULT_TIMEOUT_MS}). */
  timeoutMs?: number | undefined;
  /** Retry policy; default {@link defaultRetryPolicy}; `false` disables the retry layer. */
  retry?: RetryPolicy | false | undefined;
  /**
   * Client-side throttling ({@link throttleTransformer}), installed inside the retry layer so every attempt, the
   * retries included, waits for a token. Default off (`false`): Meta's limits differ by call and by account
   * (300/s per Page for Messenger text, 10/s for audio and video, 100/s for Instagram text, ...), so no single
   * rate fits every client, and Graph's own throttle errors (4, 17, 613, 80006, ...) are retried anyway.
   * It keeps its own `now` and `sleep` (the `sleep` option below is only the retry layer's).
   */
  throttle?: ThrottleOptions | false | undefined;
  /**
   * A `fetch` to send calls with instead of the built-in `node:http` transport (a proxy-aware fetch, a test
   * double). Default: {@link nodeTransport}, which costs far less per call than Node 20's global fetch.
   */
  fetch?: FetchLike | undefined;
  /** The transport itself, for full control (takes precedence over `fetch`); see {@link Transport}. */
  transport?: Transport | undefined;
  /** Where the token travels; default `query` (`access_token=`, as in Meta's docs). */
  tokenPlacement?: TokenPlacement | undefined;
  /** How the retry layer waits; default a real timer (tests inject an instant one). */
  sleep?: Sleep | undefined;
  /**
   * Called with the rate-limit usage (`X-App-Usage`, `X-Page-Usage`, `X-Business-Use-Case-Usage`) of every answer
   * that reports it, e.g. to log or slow down past 80%: `usage.highestPercent`. What it throws is ignored.
   */
  onUsage?: UsageListener | undefined;
  /** Called before each retry, e.g. to log `error.message` (which never contains secrets). */
  onRetry?: ((info: RetryInfo) => void) | undefined;
}

let defaultTransport: Transport | undefined;

/** One node transport (one pair of keep-alive agents) shared by every client that did not ask for another. */
function sharedNodeTransport(): Transport {
  return (defaultTransport ??= nodeTransport());
}

interface Secrets {
  raw: RawRequestConfig;
  appAccessToken: string | undefined;
}

/**
 * The raw Graph layer: `request()` goes through the transformers to one HTTP call, outermost first: those added
 * with `use()` (the latest first), then the retry layer, then the throttle (so each attempt is throttled), then the
 * transport.
 * Tokens and the app secret live in a private field and never show in `util.inspect`.
 */
export class GraphCore {
  /** Base URL in use. */
  readonly baseUrl: string;
  /** Graph version in use. */
  readonly version: string;
  /** The retry policy in use, or undefined when retries are off. */
  readonly retryPolicy: RetryPolicy | undefined;
  readonly #secrets: Secrets;
  #pipeline: GraphCall;

  constructor(options: GraphClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.version = options.version ?? DEFAULT_VERSION;
    const raw: RawRequestConfig = {
      baseUrl: this.baseUrl,
      version: this.version,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      transport:
        options.transport ??
        (options.fetch === undefined ? sharedNodeTransport() : fetchTransport(options.fetch)),
      appSecret: options.appSecret,
      accessToken: options.accessToken,
      tokenPlacement: options.tokenPlacement ?? 'query',
      onUsage: options.onUsage,
    };
    this.#secrets = { raw, appAccessToken: options.appAccessToken };
    this.#pipeline = (request) => rawRequest(raw, request);
    // Layers are installed innermost first (each `use()` wraps the pipeline so far): throttle, then retry.
    if (options.throttle !== undefined && options.throttle !== false) {
      this.use(throttleTransformer(options.throttle));
    }
    this.retryPolicy = options.retry === false ? undefined : (options.retry ?? defaultRetryPolicy);
    if (this.retryPolicy !== undefined) {
      const retryOptions = {
        ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
        ...(options.onRetry === undefined ? {} : { onRetry: options.onRetry }),
      };
      this.use(retryTransformer(this.retryPolicy, retryOptions));
    }
  }

  /**
   * Adds a transformer around the current pipeline (it sees every request before the layers added earlier).
   * Returns the client for chaining.
   */
  use(transformer: GraphTransformer): this {
    const next = this.#pipeline;
    this.#pipeline = (request) => transformer(next, request);
    return this;
  }

  /**
   * Sends one Graph request through the pipeline and resolves with the body decoded by `codec` (unchecked
   * without one). Rejects with GraphApiError, HttpError or GraphResponseError.
   */
  async request<A = unknown>(request: GraphRequest<A>): Promise<A> {
    return (await this.#pipeline(request)) as A;
  }

  /** The app access token for an app-level call: the per-call one, else the client's; throws when neither. */
  protected appToken(override: string | undefined): string {
    const token = override ?? this.#secrets.appAccessToken;
    if (token === undefined || token === '') {
      throw new TypeError(
        'No app access token: pass `appAccessToken` to GraphClient or `accessToken` to the call',
      );
    }
    return token;
  }
}
