import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { GraphClient } from '../../lib/graph/index.js';
import type { GraphClientOptions } from '../../lib/graph/index.js';

export const BASE = 'https://graph.facebook.com';
export const PAGE_TOKEN = 'EAAGpagetoken1234567890SECRETPAGE';
export const APP_SECRET = 'f00dfacecafe0123456789abcdefSECRET';
export const APP_TOKEN = '1234567890|appsecretpartSECRETAPP';
/** Graph's answer to a throttled call (code 613, retried by the default policy). */
export const THROTTLED = { error: { message: 'Calls to this api have exceeded the rate limit.', code: 613 } };

/** appsecret_proof computed here independently of lib/graph/core/proof.ts. */
export function proofOf(token: string, secret: string = APP_SECRET): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

/** The query every authenticated call carries with the page token and app secret. */
export function auth(token: string = PAGE_TOKEN): Record<string, string> {
  return { access_token: token, appsecret_proof: proofOf(token) };
}

/** Records the waits the retry layer asked for instead of sleeping. */
export function instantSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

/** A client with a page token and app secret, instant retries and the default base URL. */
export function makeClient(options: GraphClientOptions = {}): GraphClient {
  return new GraphClient({
    accessToken: PAGE_TOKEN,
    appSecret: APP_SECRET,
    appAccessToken: APP_TOKEN,
    sleep: async () => {},
    ...options,
  });
}

/** nock for the enclosing describe (network refused except loopback), from the suite's shared support file. */
export { useNock } from '../support/nock.js';

/**
 * Takes nock out of the way for tests against real loopback servers: nock 15.0.0's fetch interceptor breaks
 * POST requests that pass through to a real server ("TypeError: unusable"). Restores nock's state afterwards.
 */
export function useLoopback(): void {
  let wasActive = false;
  before(() => {
    wasActive = nock.isActive();
    if (wasActive) nock.restore();
  });
  after(() => {
    if (wasActive && !nock.isActive()) nock.activate();
  });
}

/** A real server on 127.0.0.1 port 0; `handler` decides what each request gets. */
export async function startServer(
  handler: http.RequestListener,
): Promise<{ url: string; close: () => Promise<void>; requests: string[] }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening (bound then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
