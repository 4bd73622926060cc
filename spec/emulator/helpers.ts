import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';

/** One webhook POST a sink received, its signature checked independently of the emulator's code. */
export interface Received {
  readonly raw: string;
  readonly body: unknown;
  readonly signatureValid: boolean;
  readonly headers: IncomingMessage['headers'];
}

/** A tiny webhook receiver for specs: verifies X-Hub-Signature-256 with node:crypto, records bodies. */
export interface Sink {
  readonly url: string;
  readonly received: Received[];
  /** What the next POSTs answer (default 200). */
  status: number;
  close(): Promise<void>;
}

function verify(raw: Buffer, header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(raw).digest('hex'));
  const got = Buffer.from(header.slice('sha256='.length));
  return expected.length === got.length && timingSafeEqual(expected, got);
}

/** Starts a sink on 127.0.0.1 (port 0); it answers 403 to bad signatures, GET handshakes with the challenge. */
export async function startSink(appSecret: string, verifyToken = 'emulator-verify-token'): Promise<Sink> {
  const received: Received[] = [];
  const sink = { status: 200 } as { status: number };
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET') {
      const url = new URL(req.url ?? '/', 'http://x');
      const ok = url.searchParams.get('hub.verify_token') === verifyToken;
      res.writeHead(ok ? 200 : 403).end(ok ? (url.searchParams.get('hub.challenge') ?? '') : 'forbidden');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const signatureValid = verify(raw, req.headers['x-hub-signature-256'], appSecret);
      received.push({
        raw: raw.toString('utf8'),
        body: JSON.parse(raw.toString('utf8')),
        signatureValid,
        headers: req.headers,
      });
      res.writeHead(signatureValid ? sink.status : 403).end('EVENT_RECEIVED');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(sink, {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

/**
 * Mocha hooks for a spec block: before each test a fresh emulator connected to a fresh sink, handed to `set`;
 * after each test both are closed.
 */
export function useConnectedEmulator(set: (connected: { emulator: Emulator; sink: Sink }) => void): void {
  let current: { emulator: Emulator; sink: Sink } | undefined;
  beforeEach(async () => {
    const emulator = await startEmulator();
    const sink = await startSink(emulator.config.appSecret);
    emulator.connect(sink.url);
    current = { emulator, sink };
    set(current);
  });
  afterEach(async () => {
    await current?.emulator.close();
    await current?.sink.close();
    current = undefined;
  });
}

/** The answer of an HTTP call made by a spec. */
export interface GraphAnswer {
  readonly status: number;
  readonly json: Record<string, unknown>;
  readonly headers: IncomingMessage['headers'];
}

/**
 * One HTTP call over node:http without keep-alive (specs avoid global fetch: nock 15's fetch interceptor
 * breaks passthrough requests that carry a body on Node 20 with "TypeError: unusable").
 */
export function httpCall(
  method: string,
  url: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<GraphAnswer> {
  return new Promise((resolve, reject) => {
    const framing = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = request(url, { method, headers: { ...headers, ...framing }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          json: text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : {},
          headers: res.headers,
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The URL of an emulated Graph call: the query given, and the page token (default) unless `token` is null. */
function callUrl(
  baseUrl: string,
  path: string,
  options: { readonly query?: Record<string, string>; readonly token?: string | null },
): URL {
  const url = new URL(`${baseUrl}${path}`);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const token = options.token === undefined ? 'emulator-page-access-token' : options.token;
  if (token !== null) url.searchParams.set('access_token', token);
  return url;
}

/** Calls the emulated Graph API (JSON body by default; `form` sends urlencoded; token in the query). */
export function graph(
  baseUrl: string,
  method: string,
  path: string,
  options: {
    readonly json?: unknown;
    readonly form?: Record<string, string>;
    readonly query?: Record<string, string>;
    readonly token?: string | null;
  } = {},
): Promise<GraphAnswer> {
  const url = callUrl(baseUrl, path, options);
  if (options.json !== undefined) {
    return httpCall(method, url.toString(), JSON.stringify(options.json), {
      'content-type': 'application/json',
    });
  }
  if (options.form !== undefined) {
    return httpCall(method, url.toString(), new URLSearchParams(options.form).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
  }
  return httpCall(method, url.toString());
}

/** One part of a multipart body built by a spec: a field (string value) or a file (bytes). */
export type FormPart =
  | { readonly name: string; readonly value: string }
  | {
      readonly name: string;
      readonly filename: string;
      readonly contentType?: string;
      readonly data: Buffer;
    };

/** A spec's own multipart/form-data encoder (CRLF framing as browsers and undici send it), not the emulator's. */
export function multipartBody(boundary: string, parts: readonly FormPart[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head =
      'filename' in part
        ? `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
          (part.contentType !== undefined ? `Content-Type: ${part.contentType}\r\n` : '')
        : `Content-Disposition: form-data; name="${part.name}"\r\n`;
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n`, 'utf8'));
    chunks.push('filename' in part ? part.data : Buffer.from(part.value, 'utf8'));
    chunks.push(Buffer.from('\r\n', 'latin1'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return Buffer.concat(chunks);
}

/** POSTs a multipart/form-data body (raw bytes, or parts encoded by `multipartBody`) to the emulated Graph API. */
export function graphMultipart(
  baseUrl: string,
  path: string,
  body: readonly FormPart[] | Buffer,
  options: {
    readonly token?: string | null;
    readonly query?: Record<string, string>;
    readonly boundary?: string;
    readonly contentType?: string;
  } = {},
): Promise<GraphAnswer> {
  const url = callUrl(baseUrl, path, options);
  const boundary = options.boundary ?? '----spec-boundary-7MA4YWxkTrZu0gW';
  const raw = Buffer.isBuffer(body) ? body : multipartBody(boundary, body);
  return httpCall('POST', url.toString(), raw, {
    'content-type': options.contentType ?? `multipart/form-data; boundary=${boundary}`,
  });
}

/** The `error` object of a Graph error answer (fails the spec when there is none). */
export function errorOf(answer: GraphAnswer): Record<string, unknown> {
  const error = answer.json['error'];
  if (typeof error !== 'object' || error === null)
    throw new Error(`expected a Graph error, got ${JSON.stringify(answer.json)}`);
  return error as Record<string, unknown>;
}
