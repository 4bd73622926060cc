import assert from 'node:assert/strict';
import type { DecodeResult } from '../../lib/events/index.js';
import { createWebhook } from '../../lib/webhook/index.js';
import type { Webhook, WebhookOptions } from '../../lib/webhook/index.js';
import {
  handshakePath,
  hangUp,
  hugeChunks,
  messageItem,
  oneMessage,
  pageEnvelope,
  send,
  sendGood,
  signedHeaders,
  SECRET,
  TOKEN,
} from './helpers.js';
import type { Running } from './helpers.js';

/** Serves a webhook at `/webhook` in a real framework on a loopback port. */
export type Mount = (webhook: Webhook) => Promise<Running>;

/** A running adapter under test: its port, what its webhook delivered and reported, and a way to swap onEvents. */
export interface Harness {
  port: number;
  delivered: DecodeResult[];
  errors: unknown[];
  /** What onEvents does after recording the result (default nothing); reset before every test. */
  onEvents: WebhookOptions['onEvents'];
  /** Proves the server still answers a good signed POST (after a bad request) and delivers it. */
  stillServes(path?: string): Promise<void>;
}

/**
 * Starts a fresh server around a recording webhook (1 MiB limit) before every test of the enclosing `describe`
 * and closes it after; the returned harness is filled in by the time each test runs.
 */
export function useAdapter(mount: Mount, options: Partial<WebhookOptions> = {}): Harness {
  let running: Running | undefined;
  const harness: Harness = {
    port: 0,
    delivered: [],
    errors: [],
    onEvents: undefined,
    async stillServes(path = '/webhook') {
      const before = harness.delivered.length;
      assert.equal((await sendGood(harness.port, path)).status, 200);
      assert.equal(harness.delivered.length, before + 1);
    },
  };
  beforeEach(async () => {
    harness.delivered = [];
    harness.errors = [];
    harness.onEvents = undefined;
    const webhook = createWebhook({
      appSecret: SECRET,
      verifyToken: TOKEN,
      maxBodyBytes: 1024 * 1024,
      onEvents: (result) => {
        harness.delivered.push(result);
        return harness.onEvents?.(result);
      },
      onError: (error) => void harness.errors.push(error),
      ...options,
    });
    running = await mount(webhook);
    harness.port = running.port;
  });
  afterEach(() => running?.close());
  return harness;
}

/** The texts of the message events a harness delivered, in order. */
function texts(harness: Harness): Array<string | undefined> {
  return harness.delivered.flatMap((result) =>
    result.events.map((event) => (event.type === 'message' ? event.message.text : event.type)),
  );
}

/**
 * The rules of issue 3 that every adapter must keep, run over real HTTP against the real framework: the
 * handshake, signatures over the raw bytes, body limits, refusals without echo, and a server that survives.
 */
export function describeAdapterRules(name: string, mount: Mount): void {
  describe(`webhook over ${name}: Meta's rules`, () => {
    const h = useAdapter(mount);

    it('answers the handshake with the challenge as plain text, 403 for a wrong token, 400 without parameters', async () => {
      const ok = await send(h.port, { method: 'GET', path: handshakePath(TOKEN, '1158201444') });
      assert.equal(ok.status, 200);
      assert.equal(ok.body, '1158201444');
      assert.match(String(ok.headers['content-type']), /^text\/plain/);
      const wrong = await send(h.port, { method: 'GET', path: handshakePath('wrong', '42') });
      assert.equal(wrong.status, 403);
      assert.ok(!wrong.body.includes('42'));
      assert.equal((await send(h.port, { method: 'GET', path: '/webhook?hub.mode=subscribe' })).status, 400);
      await h.stillServes();
    });

    it('answers 400 to a handshake that repeats hub.verify_token, whichever copy is right', async () => {
      for (const tokens of [
        ['wrong', TOKEN],
        [TOKEN, 'wrong'],
      ]) {
        const query = tokens.map((t) => `hub.verify_token=${t}`).join('&');
        const path = `/webhook?hub.mode=subscribe&${query}&hub.challenge=7`;
        assert.equal((await send(h.port, { method: 'GET', path })).status, 400);
      }
    });

    it('verifies UTF-8 bodies whose multi-byte characters are split across chunks, with and without Content-Length', async () => {
      for (const [text, lead, offset] of [
        ['café crème ✓', 0xc3, 1],
        ['naïve 日本語 🎉', 0xe6, 2],
      ] as const) {
        const body = Buffer.from(oneMessage(text, `m_${text}`));
        const cut = body.indexOf(lead) + offset;
        for (const headers of [
          signedHeaders(body),
          { ...signedHeaders(body), 'content-length': `${body.length}` },
        ]) {
          const response = await send(h.port, {
            headers,
            chunks: [body.subarray(0, cut), body.subarray(cut)],
            pauseMs: 20,
          });
          assert.equal(response.status, 200);
        }
      }
      assert.deepEqual(texts(h), ['café crème ✓', 'café crème ✓', 'naïve 日本語 🎉', 'naïve 日本語 🎉']);
    });

    it('answers 401 to an unsigned POST and 403 to malformed, foreign or tampered signatures, never echoing the body', async () => {
      const body = oneMessage('transfer 10 ECHO_ME');
      const refusals: Array<[number, Record<string, string>, string]> = [
        [401, { 'content-type': 'application/json' }, body],
        [403, { 'x-hub-signature-256': 'sha256=not-hex' }, body],
        [403, { 'x-hub-signature-256': `sha256=${'a'.repeat(63)}` }, body],
        [403, signedHeaders(body, 'other-secret'), body],
        [403, signedHeaders(body), body.replace('10', '99')],
      ];
      for (const [status, headers, sent] of refusals) {
        const response = await send(h.port, { headers, body: sent });
        assert.equal(response.status, status, JSON.stringify(headers));
        assert.ok(!response.body.includes('ECHO_ME'));
      }
      assert.equal(h.delivered.length, 0);
      await h.stillServes();
    });

    it('answers 400 to signed malformed JSON, then still serves', async () => {
      const body = '{"object":"page","entry":[';
      assert.equal((await send(h.port, { headers: signedHeaders(body), body })).status, 400);
      await h.stillServes();
    });

    it('answers 413 to a 12 MB body, streamed or declared, then still serves', async () => {
      const chunks = hugeChunks();
      const headers = {
        'content-type': 'application/json',
        'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
      };
      const streamed = await send(h.port, { headers, chunks });
      assert.equal(streamed.status, 413);
      await h.stillServes();
      const length = `${chunks.length * (chunks[0]?.length ?? 0)}`;
      const declared = await send(h.port, { headers: { ...headers, 'content-length': length }, chunks });
      assert.equal(declared.status, 413);
      await h.stillServes();
    });

    it('answers 405 with Allow to other methods (HEAD and OPTIONS too), then still serves', async () => {
      for (const method of ['PUT', 'DELETE', 'HEAD', 'OPTIONS']) {
        const response = await send(h.port, { method, body: method === 'PUT' ? '{}' : undefined });
        assert.equal(response.status, 405, method);
        assert.equal(response.headers['allow'], 'GET, POST');
      }
      await h.stillServes();
    });

    it('survives a client that hangs up in the middle of a body', async () => {
      await hangUp(h.port);
      assert.equal(h.delivered.length, 0);
      await h.stillServes();
    });

    it('answers 200 while the handler promise is still pending', async () => {
      let settled = false;
      h.onEvents = () => new Promise<void>(() => undefined).finally(() => (settled = true));
      assert.equal((await sendGood(h.port)).status, 200);
      assert.equal(settled, false);
      assert.equal(h.delivered.length, 1);
    });

    it('answers 200 when the handler throws and reports the error, then still serves', async () => {
      h.onEvents = () => {
        throw new Error('handler bug');
      };
      assert.equal((await sendGood(h.port)).status, 200);
      assert.equal((h.errors[0] as Error).message, 'handler bug');
      h.onEvents = undefined;
      await h.stillServes();
    });

    it('delivers the entries of several pages in one POST, in order', async () => {
      const body = pageEnvelope([
        { page: 'P1', items: [messageItem('P1', 'U1', 'm1', 'one'), messageItem('P1', 'U2', 'm2', 'two')] },
        { page: 'P2', items: [messageItem('P2', 'U1', 'm3', 'three')] },
        { page: 'P3', items: [messageItem('P3', 'U9', 'm4', 'four')] },
      ]);
      assert.equal((await send(h.port, { headers: signedHeaders(body), body })).status, 200);
      assert.deepEqual(texts(h), ['one', 'two', 'three', 'four']);
      assert.deepEqual(
        h.delivered[0]?.events.map((event) => event.entryId),
        ['P1', 'P1', 'P2', 'P3'],
      );
    });
  });

  describe(`webhook over ${name}: an onError that throws`, () => {
    const h = useAdapter(mount, {
      onEvents: () => {
        throw new Error('handler bug');
      },
      onError: () => {
        throw new Error('onError bug');
      },
    });

    it('still answers 200 to a signed POST and keeps serving', async () => {
      for (let i = 0; i < 2; i++) assert.equal((await sendGood(h.port)).status, 200);
    });
  });
}

/** Proves a framework app still parses JSON on its own `/api` route (which answers `{ got: body }`) beside the webhook. */
export async function assertJsonRouteIntact(port: number): Promise<void> {
  const response = await send(port, {
    path: '/api',
    headers: { 'content-type': 'application/json' },
    body: '{"a":1}',
  });
  assert.equal(response.status, 200);
  assert.deepEqual(JSON.parse(response.body), { got: { a: 1 } });
}
