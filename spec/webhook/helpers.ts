import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signBody } from '../../lib/webhook/index.js';

/** The app secret and verify token every webhook spec uses. */
export const SECRET = 'test-app-secret';
export const TOKEN = 'test-verify-token';

/** A Messenger text message item from a user to a page. */
export function messageItem(page: string, user: string, mid: string, text: string): Record<string, unknown> {
  return {
    sender: { id: user },
    recipient: { id: page },
    timestamp: 1_700_000_000_000,
    message: { mid, text },
  };
}

/** A Messenger envelope (`object: page`) with one entry per page, each holding the given items. */
export function pageEnvelope(entries: ReadonlyArray<{ page: string; items: unknown[] }>): string {
  return JSON.stringify({
    object: 'page',
    entry: entries.map(({ page, items }) => ({ id: page, time: 1_700_000_000_000, messaging: items })),
  });
}

/** A one-message envelope, the usual "good request". */
export function oneMessage(text = 'hello', mid = 'm_1'): string {
  return pageEnvelope([{ page: 'PAGE_1', items: [messageItem('PAGE_1', 'USER_1', mid, text)] }]);
}

/** The headers of a correctly signed JSON POST of these bytes. */
export function signedHeaders(body: Buffer | string, secret = SECRET): Record<string, string> {
  return { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, secret) };
}

/** The legacy SHA-1 header for these bytes. */
export function sha1Header(body: Buffer | string, secret = SECRET): string {
  return `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
}

/** What a real HTTP request got back. */
export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** How to send one request: the body may be split into chunks written with a pause between them. */
export interface SendOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string | number>;
  body?: Buffer | string | undefined;
  chunks?: ReadonlyArray<Buffer | string>;
  pauseMs?: number;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends one request over a fresh loopback connection with node:http. Writing stops as soon as the server
 * answers (a server refusing a huge body may close the socket; a late EPIPE after the answer is ignored).
 */
export function send(port: number, options: SendOptions = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path ?? '/webhook',
        headers: options.headers ?? {},
        agent: false,
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', () => undefined);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const chunks = options.chunks ?? (options.body === undefined ? [] : [options.body]);
    void (async () => {
      for (const [index, chunk] of chunks.entries()) {
        if (answered || request.destroyed) return;
        if (index > 0 && options.pauseMs !== undefined) await pause(options.pauseMs);
        if (!request.write(chunk)) {
          await new Promise<void>((resume) => {
            const done = (): void => {
              request.off('drain', done);
              request.off('close', done);
              request.off('response', done);
              resume();
            };
            request.on('drain', done);
            request.on('close', done);
            request.on('response', done);
          });
        }
      }
      if (!answered && !request.destroyed) request.end();
    })();
  });
}

/** Sends a correctly signed one-message POST; used after every bad request to prove the server still serves. */
export function sendGood(port: number, path = '/webhook', text = 'still here'): Promise<HttpResult> {
  const body = oneMessage(text, `m_${text}`);
  return send(port, { path, headers: signedHeaders(body), body });
}

/** A running loopback server and how to stop it. */
export interface Running {
  port: number;
  close(): Promise<void>;
}

/** Starts a node:http server on 127.0.0.1 with an ephemeral port. */
export function listen(listener: http.RequestListener): Promise<Running> {
  const server = http.createServer(listener);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((closed) => {
            server.closeAllConnections();
            server.close(() => closed());
          }),
      });
    });
  });
}

/** The GET handshake query for a token and challenge. */
export function handshakePath(token: string, challenge: string, path = '/webhook'): string {
  const query = new URLSearchParams({
    'hub.mode': 'subscribe',
    'hub.verify_token': token,
    'hub.challenge': challenge,
  });
  return `${path}?${query.toString()}`;
}

/** A 12 MB body in 64 KiB chunks (all `a`s, valid as nothing but bulk). */
export function hugeChunks(totalBytes = 12 * 1024 * 1024, chunkBytes = 64 * 1024): Buffer[] {
  const chunk = Buffer.alloc(chunkBytes, 0x61);
  return Array.from({ length: Math.ceil(totalBytes / chunkBytes) }, () => chunk);
}

/** Starts a POST that announces more bytes than it sends, then drops the connection mid-body. */
export async function hangUp(port: number, path = '/webhook'): Promise<void> {
  const body = oneMessage('x'.repeat(500));
  const request = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path,
    headers: { ...signedHeaders(body), 'content-length': body.length * 2 },
    agent: false,
  });
  request.on('error', () => undefined);
  request.write(body);
  await pause(30);
  request.destroy();
  await pause(30);
}
