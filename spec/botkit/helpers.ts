import http, { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Botkit } from 'botkit';
import type { BotkitConfiguration } from 'botkit';
import type { MessengerAdapterOptions } from '../../lib/botkit/index.js';
import { SIGNATURE_HEADER, signBody } from '../../lib/webhook/index.js';

export const APP_SECRET = 'botkit-spec-app-secret';
export const VERIFY_TOKEN = 'botkit-spec-verify-token';
export const PAGE_ID = '1111111111';
export const IG_ID = '17841400000000009';
export const GRAPH = 'https://graph.facebook.com';

let clock = 1_700_000_000_000;
let mids = 0;

/** A fresh, strictly increasing timestamp and a unique mid for each item. */
export function nextTimestamp(): number {
  clock += 1000;
  return clock;
}

export function nextMid(): string {
  mids += 1;
  return `m_spec_${mids}`;
}

type Item = Record<string, unknown>;

/** A Messenger (`object: page`) envelope around messaging items. */
export function pageBody(items: Item[], pageId = PAGE_ID): Record<string, unknown> {
  return { object: 'page', entry: [{ id: pageId, time: nextTimestamp(), messaging: items }] };
}

/** An Instagram envelope around messaging items. */
export function instagramBody(items: Item[], igId = IG_ID): Record<string, unknown> {
  return { object: 'instagram', entry: [{ id: igId, time: nextTimestamp(), messaging: items }] };
}

/** An Instagram envelope around `changes` items (entry time in seconds, as Meta sends it). */
export function instagramChanges(changes: Item[], igId = IG_ID): Record<string, unknown> {
  return { object: 'instagram', entry: [{ id: igId, time: Math.floor(nextTimestamp() / 1000), changes }] };
}

/** A text message from a user to the page / account. */
export function textItem(user: string, text: string, account = PAGE_ID): Item {
  return {
    sender: { id: user },
    recipient: { id: account },
    timestamp: nextTimestamp(),
    message: { mid: nextMid(), text },
  };
}

/** A quick-reply tap: the title as text, the payload in quick_reply. */
export function quickReplyItem(user: string, title: string, payload: string, account = PAGE_ID): Item {
  return {
    sender: { id: user },
    recipient: { id: account },
    timestamp: nextTimestamp(),
    message: { mid: nextMid(), text: title, quick_reply: { payload } },
  };
}

/** A postback button tap. */
export function postbackItem(user: string, title: string, payload: string, account = PAGE_ID): Item {
  return {
    sender: { id: user },
    recipient: { id: account },
    timestamp: nextTimestamp(),
    postback: { mid: nextMid(), title, payload },
  };
}

/** Sends one HTTP request over node:http (fetch is intercepted by nock); resolves with status and body. */
export function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Signs a JSON body as Meta does and POSTs it; resolves with the status and body of the answer. */
export function postSigned(
  url: string,
  body: unknown,
  secret = APP_SECRET,
): Promise<{ status: number; text: string }> {
  const raw = JSON.stringify(body);
  return httpRequest(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(raw, secret) },
    body: raw,
  });
}

/** Adapter options for the spec page (nock answers for graph.facebook.com, no retries), errors collected. */
export function adapterOptions(
  errors: unknown[],
  more: Partial<MessengerAdapterOptions> = {},
): MessengerAdapterOptions {
  return {
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    accessToken: 'page-token',
    accountId: PAGE_ID,
    graph: { retry: false },
    onError: (error) => errors.push(error),
    ...more,
  };
}

/** Starts a node:http server with `handler` on 127.0.0.1 and a free port. */
export async function listen(handler: http.RequestListener): Promise<Server> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** Closes a server started by {@link listen}, connections included. */
export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The base URL of a listening server. */
export function urlOf(server: Server): string {
  const address = server.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

type Listen = (this: Server, ...args: unknown[]) => Server;

/**
 * Creates a Botkit controller with Botkit's own web server, made to listen on 127.0.0.1 and a free port
 * (Botkit itself listens on PORT or 3000 on every interface), and waits until it is ready.
 */
export async function botkitOnLoopback(
  config: BotkitConfiguration,
): Promise<{ controller: Botkit; url: string }> {
  const prototype = Server.prototype as unknown as { listen: Listen };
  const listen = prototype.listen;
  prototype.listen = function (this: Server, ...args: unknown[]): Server {
    prototype.listen = listen;
    const callback = args.find((arg) => typeof arg === 'function');
    return listen.call(this, 0, '127.0.0.1', callback);
  };
  let controller: Botkit;
  try {
    controller = new Botkit({ disable_console: true, ...config });
  } finally {
    prototype.listen = listen;
  }
  await new Promise<void>((resolve) => controller.ready(() => resolve()));
  return { controller, url: urlOf(controller.http as Server) };
}

/** Shuts a Botkit controller down and closes its server's connections. */
export async function stopBotkit(controller: Botkit): Promise<void> {
  await controller.shutdown();
  const http: unknown = controller.http;
  if (http instanceof Server) http.closeAllConnections();
}
