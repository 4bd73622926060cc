import { isTransientGraphError } from './codes.js';
import { MessengerRxError } from '../../errors/base.js';
import type { MessengerRxErrorCode } from '../../errors/codes.js';

/** The HTTP methods the Graph client sends. */
export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** What every failed Graph request reports: the method, the path (never the query string) and retryability. */
interface GraphErrorInit {
  method: HttpMethod;
  path: string;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * Base class of every failure of a Graph request; it carries the method and the path (without the query string,
 * so no token) and whether a retry could help. Catch `GraphError` to handle all of them at once. Its `toJSON()`
 * (the family's) is secret-free: messages are redacted and `cause` is left out.
 */
export abstract class GraphError extends MessengerRxError {
  /** HTTP method of the failed request. */
  readonly method: HttpMethod;
  /** Path of the failed request after the version, e.g. `me/messages`; never includes the query string. */
  readonly path: string;
  /** True when the same request may succeed later (throttling, 5xx, network failure). */
  abstract readonly retryable: boolean;
  /** How long the server asked us to wait (Retry-After or estimated_time_to_regain_access), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  protected constructor(message: string, init: GraphErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.method = init.method;
    this.path = init.path;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** Fields of Graph's `{ "error": { ... } }` object as the client reports them. */
export interface GraphApiErrorInit extends GraphErrorInit {
  graphMessage: string;
  type: string | undefined;
  code: number;
  subcode: number | undefined;
  fbtraceId: string | undefined;
  status: number;
  userTitle?: string | undefined;
  userMessage?: string | undefined;
}

/**
 * Graph answered with an error object (`{ error: { message, type, code, error_subcode, fbtrace_id } }`).
 * `retryable` is true for transient and throttling codes (1, 2, 4, 17, 32, 341, 613, 1200, 800xx) and unknown 5xx.
 */
export class GraphApiError extends GraphError {
  override readonly name = 'GraphApiError';
  /** Graph's own message (secrets redacted). */
  readonly graphMessage: string;
  /** Graph's error type, e.g. `OAuthException`. */
  readonly type: string | undefined;
  /** Meta's own error code, e.g. 100, 190, 613 (0 when Graph sent none): the family's `code` is Meta's here. */
  readonly code: number;
  /** Graph's `error_subcode`, e.g. 2018001. */
  readonly subcode: number | undefined;
  /** Graph's `fbtrace_id`, for Meta support. */
  readonly fbtraceId: string | undefined;
  /** HTTP status of the response. */
  readonly status: number;
  /** Graph's `error_user_title`, localised, when present. */
  readonly userTitle: string | undefined;
  /** Graph's `error_user_msg`, localised, when present. */
  readonly userMessage: string | undefined;
  readonly retryable: boolean;

  constructor(init: GraphApiErrorInit) {
    const code = init.subcode === undefined ? `${init.code}` : `${init.code}/${init.subcode}`;
    const trace = init.fbtraceId === undefined ? '' : `, fbtrace_id ${init.fbtraceId}`;
    super(`${init.graphMessage} (code ${code}, ${init.method} ${init.path}${trace})`, init);
    this.graphMessage = init.graphMessage;
    this.type = init.type;
    this.code = init.code;
    this.subcode = init.subcode;
    this.fbtraceId = init.fbtraceId;
    this.status = init.status;
    this.userTitle = init.userTitle;
    this.userMessage = init.userMessage;
    this.retryable = isTransientGraphError(init.code, init.status);
  }

  /** `subcode` under Meta's own name, so code written against Meta's documentation reads the same. */
  get error_subcode(): number | undefined {
    return this.subcode;
  }

  /** `fbtraceId` under Meta's own name. */
  get fbtrace_id(): string | undefined {
    return this.fbtraceId;
  }
}

/** Why a request failed without a Graph error object. */
export type HttpErrorReason = 'network' | 'timeout' | 'aborted' | 'status' | 'invalid_json';

/** The `code` of an {@link HttpError} for each reason, when no system error code says more. */
const REASON_CODES = {
  network: 'ERR_GRAPH_NETWORK',
  timeout: 'ERR_GRAPH_TIMEOUT',
  aborted: 'ERR_GRAPH_ABORTED',
  status: 'ERR_GRAPH_STATUS',
  invalid_json: 'ERR_GRAPH_INVALID_JSON',
} as const satisfies Record<HttpErrorReason, MessengerRxErrorCode>;

/** Network error codes raised before the request could reach the server (always safe to retry). */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

/** Construction fields of an {@link HttpError}. */
export interface HttpErrorInit extends GraphErrorInit {
  reason: HttpErrorReason;
  status?: number;
  /** The system error code of a network failure, e.g. `ECONNRESET`. */
  code?: string;
  detail?: string;
}

/**
 * The request failed without a Graph error object: a network failure, the timeout, an abort by the caller, or a
 * response that is not JSON (e.g. a 502 page from a proxy). `cause` is a redacted copy of the underlying error.
 */
export class HttpError extends GraphError {
  override readonly name = 'HttpError';
  /** What went wrong: `network`, `timeout`, `aborted`, `status` (non-JSON error status) or `invalid_json`. */
  readonly reason: HttpErrorReason;
  /** HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /**
   * Always a string: the system error code of a network failure when there is one (e.g. `ECONNREFUSED`,
   * `ECONNRESET`), otherwise one per reason: `ERR_GRAPH_NETWORK`, `ERR_GRAPH_TIMEOUT`, `ERR_GRAPH_ABORTED`,
   * `ERR_GRAPH_STATUS` or `ERR_GRAPH_INVALID_JSON`.
   */
  readonly code: string;
  /**
   * False only when the failure certainly happened before the request left (connection refused, DNS failure);
   * a timeout or a reset may come after Meta received the request, so a retried send could duplicate a message.
   */
  readonly mayHaveReachedServer: boolean;
  readonly retryable: boolean;

  constructor(init: HttpErrorInit) {
    const what =
      init.reason === 'timeout'
        ? 'timed out'
        : init.reason === 'aborted'
          ? 'was aborted'
          : init.reason === 'network'
            ? `failed (${init.code ?? 'network error'})`
            : init.reason === 'status'
              ? `failed with HTTP ${init.status ?? '?'} and a non-JSON body`
              : `answered HTTP ${init.status ?? '?'} with a body that is not JSON`;
    const detail = init.detail === undefined ? '' : `: ${init.detail}`;
    super(`Graph request ${init.method} ${init.path} ${what}${detail}`, init);
    this.reason = init.reason;
    this.status = init.status;
    this.code = init.code ?? REASON_CODES[init.reason];
    this.mayHaveReachedServer =
      init.reason !== 'network' || init.code === undefined || !NOT_SENT_CODES.has(init.code);
    this.retryable =
      init.reason === 'network' ||
      init.reason === 'timeout' ||
      (init.reason === 'status' &&
        init.status !== undefined &&
        (init.status >= 500 || init.status === 429 || init.status === 408));
  }
}

/** Construction fields of a {@link GraphResponseError}. */
export interface GraphResponseErrorInit extends GraphErrorInit {
  status: number;
  issues: readonly string[];
}

/**
 * Graph answered with success, but the body did not have the shape the client expected (io-ts decode failure);
 * `issues` lists each mismatch as `path: expected X, got Y`. Never retried.
 */
export class GraphResponseError extends GraphError {
  override readonly name = 'GraphResponseError';
  readonly code = 'ERR_GRAPH_RESPONSE' satisfies MessengerRxErrorCode;
  /** HTTP status of the response. */
  readonly status: number;
  /** Each mismatch between the body and the expected shape. */
  readonly issues: readonly string[];
  readonly retryable = false;

  constructor(init: GraphResponseErrorInit) {
    super(
      `Graph response to ${init.method} ${init.path} has an unexpected shape: ${init.issues.slice(0, 5).join('; ')}`,
      init,
    );
    this.status = init.status;
    this.issues = init.issues;
  }
}

/** The unit a {@link SendLimitError} counts in. */
export type LimitUnit = 'characters' | 'bytes' | 'items';

/**
 * A Send API limit was broken, detected before any request was made: which field (e.g.
 * `message.quick_replies[2].title`), the limit, the actual size and its unit.
 */
export class SendLimitError extends MessengerRxError {
  override readonly name = 'SendLimitError';
  readonly code = 'ERR_SEND_LIMIT' satisfies MessengerRxErrorCode;
  /** Path of the offending field inside the request body. */
  readonly field: string;
  /** The largest size allowed. */
  readonly limit: number;
  /** The size that was given. */
  readonly actual: number;
  /** Unit of `limit` and `actual`. */
  readonly unit: LimitUnit;

  constructor(field: string, limit: number, actual: number, unit: LimitUnit) {
    super(`${field} is ${actual} ${unit}; the Send API allows at most ${limit}`);
    this.field = field;
    this.limit = limit;
    this.actual = actual;
    this.unit = unit;
  }
}
