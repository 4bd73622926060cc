import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** The request one Graph call makes: the full URL, the method, the headers, a JSON body and an abort signal. */
export interface TransportRequest {
  method: string;
  headers: Readonly<Record<string, string>>;
  body: string | undefined;
  signal: AbortSignal;
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
 * Performs one HTTP exchange for the Graph client. It rejects on network failures and when `signal` aborts
 * (before or while the body is read), and resolves with any status: interpreting it is the caller's job.
 */
export type Transport = (url: string, request: TransportRequest) => Promise<TransportResponse>;

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
 * fraction of the CPU and memory of the global `fetch` per call (bench/README figures), which matters when a
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
  return (url, request) =>
    new Promise<TransportResponse>((resolve, reject) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch (error) {
        // Quote the URL as fetch does; the Graph client redacts tokens from it before anyone sees it.
        reject(new TypeError(`Failed to parse URL from ${url}`, { cause: error }));
        return;
      }
      const secure = target.protocol === 'https:';
      if (!secure && target.protocol !== 'http:') {
        reject(
          new TypeError(`unsupported protocol ${target.protocol} (the Graph client speaks http and https)`),
        );
        return;
      }
      const headers: Record<string, string> = { ...request.headers };
      if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
      const init: RequestOptions = {
        method: request.method,
        headers,
        agent: secure ? agents.https : agents.http,
        signal: request.signal,
      };
      const req = (secure ? httpsRequest : httpRequest)(target, init, (res) => readAll(res, resolve, reject));
      req.on('error', reject);
      req.end(request.body);
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

/** A transport over a `fetch` implementation (the global one, undici's, or a test double). */
export function fetchTransport(fetchImpl: FetchLike): Transport {
  return async (url, request) => {
    const response = await fetchImpl(url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
    });
    return { status: response.status, headers: response.headers, body: await response.text() };
  };
}
