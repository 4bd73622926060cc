import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { MessengerRxError } from '../../errors/base.js';
import type { MessengerRxErrorCode } from '../../errors/codes.js';

/**
 * The request one Graph call makes: the method, the headers, a JSON body, the time it may take from start to the
 * end of the answer's body, and the caller's abort signal when there is one.
 */
export interface TransportRequest {
  method: string;
  headers: Readonly<Record<string, string>>;
  /** JSON text, or the bytes of a multipart upload. */
  body: string | Uint8Array | undefined;
  /** The call fails with a {@link TransportTimeoutError} when the whole answer has not arrived by then. */
  timeoutMs: number;
  /** Aborting it fails the call with an error named `AbortError`. */
  signal?: AbortSignal | undefined;
}

/** The headers of an answer, read by name (case-insensitive), `null` when absent, as in the Fetch API. */
export interface TransportHeaders {
  get(name: string): string | null;
}

/** What one HTTP exchange gave back: the status, the headers and the whole body as text. */
export interface TransportResponse {
  status: number;
  headers: TransportHeaders;
  body: string;
}

/**
 * Performs one HTTP exchange for the Graph client. It rejects on network failures, with a
 * {@link TransportTimeoutError} past `timeoutMs` and with an `AbortError` when `signal` aborts (before or while
 * the body is read), and resolves with any status: interpreting it is the caller's job.
 */
export type Transport = (url: string, request: TransportRequest) => Promise<TransportResponse>;

/** The rejection of a call whose whole answer did not arrive within its `timeoutMs`. */
export class TransportTimeoutError extends MessengerRxError {
  override readonly name = 'TransportTimeoutError';
  readonly code = 'ERR_TRANSPORT_TIMEOUT' satisfies MessengerRxErrorCode;

  constructor(
    /** The time the call was allowed, in milliseconds. */
    readonly timeoutMs: number,
    options?: ErrorOptions,
  ) {
    super(`no complete answer within ${timeoutMs} ms`, options);
  }
}

/** Options of {@link nodeTransport}. */
export interface NodeTransportOptions {
  /** Most sockets per host (default unlimited, as in Node); the Bot's own concurrency limit applies first. */
  maxSockets?: number;
  /** Idle sockets kept open per host for the next call (default 256). */
  maxFreeSockets?: number;
  /** Idle sockets are closed after this many ms without use (default 30 000). */
  idleTimeoutMs?: number;
}

/** A `fetch`-compatible function, for {@link fetchTransport}. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * The default transport: `node:http` and `node:https` with keep-alive agents of its own. On Node 20 it costs a
 * fraction of the CPU and memory of the global `fetch` per call (README.md, Benchmarks), which matters when a
 * bot answers thousands of messages a second. nock and other `http.request` interceptors see its calls.
 */
export function nodeTransport(options: NodeTransportOptions = {}): Transport {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? Infinity,
    maxFreeSockets: options.maxFreeSockets ?? 256,
    timeout: options.idleTimeoutMs ?? 30_000,
  };
  const agents = { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) };
  const origins = new Map<string, Origin>();
  return (url, request) =>
    new Promise<TransportResponse>((resolve, reject) => {
      const { signal, timeoutMs } = request;
      if (signal?.aborted === true) {
        reject(abortError(signal));
        return;
      }
      let target: Target;
      try {
        target = parseTarget(url, origins);
      } catch (error) {
        reject(error);
        return;
      }
      const headers: Record<string, string> = { ...request.headers };
      if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
      const init: RequestOptions = {
        ...target.origin.options,
        path: target.path,
        method: request.method,
        headers,
        agent: target.origin.secure ? agents.https : agents.http,
      };
      // One timer and at most one abort listener per call, both gone as soon as it settles.
      const onAbort = (): void => {
        req.destroy(abortError(signal));
      };
      const timer = setTimeout(() => req.destroy(new TransportTimeoutError(timeoutMs)), timeoutMs);
      timer.unref();
      const settle =
        <T>(then: (value: T) => void) =>
        (value: T): void => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          then(value);
        };
      const req = (target.origin.secure ? httpsRequest : httpRequest)(init, (res) =>
        readAll(res, settle(resolve), settle(reject)),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', settle(reject));
      req.end(request.body);
    });
}

/** Where calls to one origin go: the protocol, host and port, as `http.request` options. */
interface Origin {
  secure: boolean;
  options: Pick<RequestOptions, 'protocol' | 'hostname' | 'port'>;
}

/** An origin and the path (with the query) of one call. */
interface Target {
  origin: Origin;
  path: string;
}

/** The most origins remembered; a client talks to one or two. */
const MAX_ORIGINS = 64;

/**
 * Splits a URL into its origin, parsed once and remembered, and its path: a bot calls one origin thousands of
 * times a second, and a URL object per call is work for nothing. Paths with characters a request line cannot
 * carry go through `URL`, which percent-encodes them.
 */
function parseTarget(url: string, origins: Map<string, Origin>): Target {
  const scheme = url.indexOf('://');
  const slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
  const key = slash < 0 ? url : url.slice(0, slash);
  let origin = origins.get(key);
  if (origin === undefined) {
    origin = parseOrigin(url);
    if (origins.size >= MAX_ORIGINS) origins.clear();
    origins.set(key, origin);
  }
  const path = slash < 0 ? '/' : url.slice(slash);
  if (/^[\x21-\x7e]*$/.test(path) && !path.includes('#')) return { origin, path };
  const parsed = new URL(url);
  return { origin, path: parsed.pathname + parsed.search };
}

function parseOrigin(url: string): Origin {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    // Quote the URL as fetch does; the Graph client redacts tokens from it before anyone sees it.
    throw new TypeError(`Failed to parse URL from ${url}`, { cause: error });
  }
  const secure = parsed.protocol === 'https:';
  if (!secure && parsed.protocol !== 'http:') {
    throw new TypeError(`unsupported protocol ${parsed.protocol} (the Graph client speaks http and https)`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new TypeError('credentials in the Graph base URL are not supported');
  }
  // URL keeps IPv6 hosts in brackets; http.request wants them bare.
  const hostname = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    secure,
    options: {
      protocol: parsed.protocol,
      hostname,
      ...(parsed.port === '' ? {} : { port: Number(parsed.port) }),
    },
  };
}

/** The error a call aborted by its signal rejects with, named like fetch's (`AbortError`). */
function abortError(signal: AbortSignal | undefined): Error {
  return Object.assign(new Error('the request was aborted', { cause: signal?.reason }), {
    name: 'AbortError',
    code: 'ABORT_ERR',
  });
}

/** Reads a response to its end; a response cut short (reset, abort) rejects instead of resolving half a body. */
function readAll(
  res: IncomingMessage,
  resolve: (response: TransportResponse) => void,
  reject: (error: unknown) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('error', reject);
  res.once('end', () => {
    const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    resolve({ status: res.statusCode ?? 0, headers: headerReader(res.headers), body: body.toString('utf8') });
  });
  res.once('close', () => {
    if (!res.complete)
      reject(
        Object.assign(new Error('the response ended before its body was complete'), { code: 'ECONNRESET' }),
      );
  });
}

/** Reads Node's lower-cased header object by any name; repeated headers are joined with `, ` as in `Headers`. */
function headerReader(headers: IncomingHttpHeaders): TransportHeaders {
  return {
    get(name: string): string | null {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/**
 * A transport over a `fetch` implementation (the global one, undici's, or a test double). The timeout and the
 * caller's signal travel as one `AbortSignal`; a timeout rejects with a {@link TransportTimeoutError}.
 */
export function fetchTransport(fetchImpl: FetchLike): Transport {
  return async (url, request) => {
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new TransportTimeoutError(request.timeoutMs)),
      request.timeoutMs,
    );
    timer.unref();
    const signal =
      request.signal === undefined ? timeout.signal : AbortSignal.any([timeout.signal, request.signal]);
    try {
      const response = await fetchImpl(url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal,
      });
      return { status: response.status, headers: response.headers, body: await response.text() };
    } catch (error) {
      if (timeout.signal.aborted) throw new TransportTimeoutError(request.timeoutMs, { cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}
