import type * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { describeDecodeErrors } from '../../events/index.js';
import { GraphErrorBody } from './codecs.js';
import { GraphApiError, GraphResponseError, HttpError } from './errors.js';
import type { HttpMethod } from './errors.js';
import { encodeMultipart } from './multipart.js';
import type { MultipartForm } from './multipart.js';
import { appSecretProof } from './proof.js';
import { createRedactor, redactError } from './redact.js';
import type { Redactor } from './redact.js';
import { TransportTimeoutError } from './transport.js';
import type { Transport, TransportResponse } from './transport.js';
import { readUsage, waitFromHeaders } from './usage.js';
import type { UsageListener } from './usage.js';

/** A query-string value; arrays are comma-joined (Graph's list syntax), undefined values are left out. */
export type QueryValue = string | number | boolean | readonly string[] | undefined;

/**
 * What the retry layer may do when a POST fails after Meta may have received it (a timeout, a reset connection,
 * a non-JSON 5xx): `always` retry (the call is idempotent, or a duplicate is harmless), retry `unless-timeout`
 * (a reset usually hit a stale connection before Meta read anything; a timeout usually means Meta is slow and has
 * the request), or `never` (a duplicate would be public).
 */
export type AmbiguousRetry = 'always' | 'unless-timeout' | 'never';

/**
 * One Graph call as the raw layer sees it. `path` is relative to the version (`me/messages`, `123/subscriptions`)
 * and must not contain a query string; `body` is sent as JSON.
 */
export interface GraphRequest<A = unknown> {
  /** HTTP method. */
  method: HttpMethod;
  /** Path after the version, e.g. `me/messages`; a leading `/` is ignored. */
  path: string;
  /** Query parameters (GET and DELETE parameters, or form-style POST parameters). */
  query?: Readonly<Record<string, QueryValue>>;
  /** JSON body (POST, or DELETE where Graph takes one). */
  body?: unknown;
  /** A `multipart/form-data` body with a file instead of a JSON one (uploads); `body` must then be absent. */
  form?: MultipartForm;
  /** Access token for this call; overrides the client's token or resolver. */
  accessToken?: string;
  /** Account (page or IG user) whose token the resolver should return; default: the first path segment. */
  accountId?: string;
  /** io-ts decoder for the success body; without one the parsed JSON is returned unchecked. */
  codec?: t.Decoder<unknown, A>;
  /** Aborts the call (in addition to the timeout). */
  signal?: AbortSignal;
  /** Timeout for this call in milliseconds; overrides the client's. */
  timeoutMs?: number;
  /**
   * The retry rule for a failure that may have reached Meta ({@link AmbiguousRetry}); default `always`. The
   * groups set it per call: Send API messages `unless-timeout`, comment and mention replies `never`. A retry
   * sends this very request again: the same body, so the same `metadata`.
   */
  ambiguousRetry?: AmbiguousRetry;
}

/** Where the access token travels: the `access_token` query parameter or an `Authorization: Bearer` header. */
export type TokenPlacement = 'query' | 'header';

/** Returns the access token for a page or Instagram account id (`me` when the call names no account). */
export type TokenResolver = (accountId: string) => string | Promise<string>;

/** Everything the raw layer needs to perform one request. */
export interface RawRequestConfig {
  baseUrl: string;
  version: string;
  timeoutMs: number;
  /** How calls travel: {@link nodeTransport} by default, {@link fetchTransport} when a `fetch` is given. */
  transport: Transport;
  appSecret: string | undefined;
  accessToken: string | TokenResolver | undefined;
  tokenPlacement: TokenPlacement;
  /** Called with the usage headers of every answer that carries them; what it throws is ignored. */
  onUsage?: UsageListener | undefined;
  /** Proofs already computed, by token (a page bot signs thousands of calls with the same few tokens). */
  proofs?: Map<string, string>;
}

/** The most tokens whose proof is remembered; past it the memo starts afresh. */
const MAX_REMEMBERED_PROOFS = 1024;

/** `appsecret_proof` for a token, from the config's memo when it was computed before. */
function proofFor(config: RawRequestConfig, token: string, appSecret: string): string {
  const memo = (config.proofs ??= new Map());
  let proof = memo.get(token);
  if (proof === undefined) {
    if (memo.size >= MAX_REMEMBERED_PROOFS) memo.clear();
    proof = appSecretProof(token, appSecret);
    memo.set(token, proof);
  }
  return proof;
}

/** Builds `${baseUrl}/${version}/${path}` (no version segment when version is empty) without a query. */
export function graphUrl(baseUrl: string, version: string, path: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const clean = normalisePath(path);
  return version === '' ? `${base}/${clean}` : `${base}/${version}/${clean}`;
}

/** Strips leading slashes and refuses a path carrying a query string or fragment (tokens belong in options). */
export function normalisePath(path: string): string {
  if (/[?#]/.test(path)) {
    throw new TypeError('Graph request path must not contain "?" or "#": pass parameters in `query`');
  }
  return path.replace(/^\/+/, '');
}

async function resolveToken(
  config: RawRequestConfig,
  request: GraphRequest<unknown>,
): Promise<string | undefined> {
  if (request.accessToken !== undefined) return request.accessToken;
  const source = config.accessToken;
  if (typeof source !== 'function') return source;
  return source(requestAccountId(request));
}

/** The account a call is for: `request.accountId`, else the first path segment (a page id, an IG user id or `me`). */
export function requestAccountId(request: GraphRequest<unknown>): string {
  const accountId = request.accountId ?? normalisePath(request.path).split('/')[0] ?? 'me';
  return accountId === '' ? 'me' : accountId;
}

function appendQuery(params: URLSearchParams, query: Readonly<Record<string, QueryValue>> | undefined): void {
  if (query === undefined) return;
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params.set(
      key,
      typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : String(value),
    );
  }
}

/**
 * Performs one Graph request with no retries: resolves the token, adds `appsecret_proof`, applies the timeout,
 * parses the JSON and maps failures to {@link GraphApiError}, {@link HttpError} or {@link GraphResponseError}.
 */
export async function rawRequest<A>(config: RawRequestConfig, request: GraphRequest<A>): Promise<A> {
  const { method } = request;
  const path = normalisePath(request.path);
  const token = await resolveToken(config, request);
  const proof =
    token !== undefined && token !== '' && config.appSecret !== undefined
      ? proofFor(config, token, config.appSecret)
      : undefined;
  // Only failures need the redactor: build it on first use, not on every call.
  let redactor: Redactor | undefined;
  const redact: Redactor = (text) => (redactor ??= createRedactor([token, config.appSecret, proof]))(text);

  const params = new URLSearchParams();
  appendQuery(params, request.query);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token !== undefined && token !== '') {
    if (config.tokenPlacement === 'header') headers['authorization'] = `Bearer ${token}`;
    else params.set('access_token', token);
  }
  if (proof !== undefined) params.set('appsecret_proof', proof);
  let body: string | Buffer | undefined;
  if (request.form !== undefined) {
    if (request.body !== undefined) throw new TypeError('A Graph request takes `body` or `form`, not both');
    const multipart = encodeMultipart(request.form);
    headers['content-type'] = multipart.contentType;
    body = multipart.body;
  } else if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.body);
  }
  const search = params.toString();
  const url = graphUrl(config.baseUrl, config.version, path) + (search === '' ? '' : `?${search}`);

  const timeoutMs = request.timeoutMs ?? config.timeoutMs;
  let response: TransportResponse;
  try {
    response = await config.transport(url, { method, headers, body, timeoutMs, signal: request.signal });
  } catch (error) {
    throw networkError(error, {
      method,
      path,
      redact,
      timedOut: isTimeout(error),
      signal: request.signal,
    });
  }
  if (config.onUsage !== undefined) reportUsage(config.onUsage, response, method, path);
  return interpret(response, request.codec, { method, path, redact });
}

function reportUsage(
  listener: UsageListener,
  response: TransportResponse,
  method: HttpMethod,
  path: string,
): void {
  const usage = readUsage(response.headers, { method, path, status: response.status });
  if (usage === undefined) return;
  try {
    listener(usage);
  } catch {
    // A monitoring hook must not fail the call it observes.
  }
}

interface Context {
  method: HttpMethod;
  path: string;
  redact: Redactor;
}

function networkError(
  error: unknown,
  ctx: Context & { timedOut: boolean; signal: AbortSignal | undefined },
): HttpError {
  const cause = redactError(error, ctx.redact);
  if (ctx.timedOut) return new HttpError({ reason: 'timeout', method: ctx.method, path: ctx.path, cause });
  if (ctx.signal?.aborted === true)
    return new HttpError({ reason: 'aborted', method: ctx.method, path: ctx.path, cause });
  const code = systemCode(error);
  return new HttpError({
    reason: 'network',
    method: ctx.method,
    path: ctx.path,
    ...(code === undefined ? {} : { code }),
    cause,
  });
}

/**
 * Whether a transport's rejection is a timeout: a {@link TransportTimeoutError}, or the `TimeoutError`
 * DOMException of a user's fetch that timed out on its own.
 */
function isTimeout(error: unknown): boolean {
  return (
    error instanceof TransportTimeoutError || (error as { name?: unknown } | null)?.name === 'TimeoutError'
  );
}

/** The system error code (`ECONNRESET`, `UND_ERR_SOCKET`, ...) of an error or of its causes. */
function systemCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function interpret<A>(
  response: TransportResponse,
  codec: t.Decoder<unknown, A> | undefined,
  ctx: Context,
): A {
  const { method, path, redact } = ctx;
  const { status, body } = response;
  const ok = status >= 200 && status < 300;
  let json: unknown;
  try {
    json = body === '' ? undefined : JSON.parse(body);
  } catch {
    json = undefined;
  }
  // Only failures read the wait the server asked for.
  const retryAfterMs = ok && !hasErrorKey(json) ? undefined : waitFromHeaders(response.headers);
  if (json === undefined) {
    throw new HttpError({
      reason: ok ? 'invalid_json' : 'status',
      status,
      method,
      path,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  const maybeError = hasErrorKey(json) ? GraphErrorBody.decode(json) : undefined;
  if (maybeError !== undefined && !isLeft(maybeError)) {
    const e = maybeError.right.error;
    throw new GraphApiError({
      method,
      path,
      status,
      graphMessage: redact(e.message),
      type: e.type,
      code: e.code ?? 0,
      subcode: e.error_subcode,
      fbtraceId: e.fbtrace_id,
      userTitle: e.error_user_title === undefined ? undefined : redact(e.error_user_title),
      userMessage: e.error_user_msg === undefined ? undefined : redact(e.error_user_msg),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (!ok) {
    throw new HttpError({
      reason: 'status',
      status,
      method,
      path,
      detail: 'JSON without an error object',
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (codec === undefined) return json as A;
  const decoded = codec.decode(json);
  if (isLeft(decoded)) {
    throw new GraphResponseError({ method, path, status, issues: responseIssues(decoded.left) });
  }
  return decoded.right;
}

/**
 * The decode issues of a success body, as `path: expected X, got Y` lines. Values are described by type only
 * (`got number`), so nothing from the body, which may hold an access token, is copied into error messages.
 */
function responseIssues(errors: t.Errors): string[] {
  return describeDecodeErrors(errors, { values: 'type' }).map((issue) => issue.message);
}

/** True for a JSON object with an `error` key: only those are decoded as Graph error bodies. */
function hasErrorKey(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'error' in json;
}
