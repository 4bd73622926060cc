import assert from 'node:assert/strict';
import type { DecodeResult } from '../../lib/events/index.js';
import { createWebhook, WebhookConfigError } from '../../lib/webhook/index.js';
import type { WebhookOptions, WebhookRequest } from '../../lib/webhook/index.js';
import {
  messageItem,
  oneMessage,
  pageEnvelope,
  SECRET,
  sha1Header,
  signedHeaders,
  TOKEN,
} from './helpers.js';

function webhook(options: Partial<WebhookOptions> = {}) {
  return createWebhook({ appSecret: SECRET, verifyToken: TOKEN, onError: () => undefined, ...options });
}

function post(
  body: Buffer | string,
  headers: WebhookRequest['headers'] = signedHeaders(body),
): WebhookRequest {
  return { method: 'POST', query: {}, headers, body: Buffer.from(body) };
}

function get(query: Record<string, string>): WebhookRequest {
  return { method: 'GET', query: new URLSearchParams(query), headers: {} };
}

const handshake = { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '1158201444' };

describe('webhook core: options', () => {
  it('refuses an empty app secret, an empty secret list and an empty verify token', () => {
    assert.throws(() => createWebhook({ appSecret: '', verifyToken: TOKEN }), WebhookConfigError);
    assert.throws(() => createWebhook({ appSecret: [], verifyToken: TOKEN }), WebhookConfigError);
    assert.throws(() => createWebhook({ appSecret: SECRET, verifyToken: '' }), WebhookConfigError);
  });

  it('refuses a body limit that is not a positive integer', () => {
    for (const maxBodyBytes of [0, -1, 1.5, Number.NaN]) {
      assert.throws(
        () => createWebhook({ appSecret: SECRET, verifyToken: TOKEN, maxBodyBytes }),
        WebhookConfigError,
      );
    }
  });

  it('never names a secret in a configuration error', () => {
    const error = (() => {
      try {
        createWebhook({ appSecret: ['super-secret-value', ''], verifyToken: TOKEN });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    assert.ok(error instanceof WebhookConfigError);
    assert.equal(error.option, 'appSecret');
    assert.ok(!error.message.includes('super-secret-value'));
  });

  it('defaults the body limit to 4 MiB', () => {
    assert.equal(webhook().maxBodyBytes, 4 * 1024 * 1024);
    assert.equal(webhook({ maxBodyBytes: 1000 }).maxBodyBytes, 1000);
  });
});

describe('webhook core: GET handshake', () => {
  it('answers 200 with hub.challenge as plain text when the verify token matches', async () => {
    const response = await webhook().handle(get(handshake));
    assert.equal(response.status, 200);
    assert.equal(response.body, '1158201444');
    assert.match(response.headers['content-type'] ?? '', /^text\/plain/);
  });

  it('accepts a parsed query object as well as URLSearchParams', async () => {
    const response = await webhook().handle({ method: 'get', query: { ...handshake }, headers: {} });
    assert.equal(response.status, 200);
    assert.equal(response.body, '1158201444');
  });

  it('answers 403 when the verify token is wrong', async () => {
    const response = await webhook().handle(get({ ...handshake, 'hub.verify_token': 'nope' }));
    assert.equal(response.status, 403);
    assert.ok(!response.body.includes('1158201444'));
  });

  it('answers 400 when a parameter is missing or the challenge is empty', async () => {
    for (const name of ['hub.mode', 'hub.verify_token', 'hub.challenge']) {
      const query: Record<string, string> = { ...handshake };
      delete query[name];
      assert.equal((await webhook().handle(get(query))).status, 400, `without ${name}`);
    }
    assert.equal((await webhook().handle(get({ ...handshake, 'hub.challenge': '' }))).status, 400);
  });

  it('answers 400, not 200 or 403, when a handshake parameter is given twice (ambiguous, in either order)', async () => {
    for (const name of ['hub.mode', 'hub.verify_token', 'hub.challenge']) {
      for (const order of [0, 1]) {
        const query = new URLSearchParams(handshake);
        const extra = name === 'hub.mode' ? 'unsubscribe' : 'other';
        query.set(name, order === 0 ? extra : ((handshake as Record<string, string>)[name] ?? ''));
        query.append(name, order === 0 ? ((handshake as Record<string, string>)[name] ?? '') : extra);
        const parsed = { ...handshake, [name]: query.getAll(name) };
        for (const form of [query, parsed]) {
          const response = await webhook().handle({ method: 'GET', query: form, headers: {} });
          assert.equal(response.status, 400, `${name} twice, order ${order}`);
        }
      }
    }
  });

  it('answers 400 when hub.mode is not subscribe', async () => {
    assert.equal((await webhook().handle(get({ ...handshake, 'hub.mode': 'unsubscribe' }))).status, 400);
  });
});

describe('webhook core: POST signature', () => {
  it('answers 200 and hands the decoded events on for a correctly signed body', async () => {
    const results: DecodeResult[] = [];
    const response = await webhook({ onEvents: (result) => void results.push(result) }).handle(
      post(oneMessage()),
    );
    assert.equal(response.status, 200);
    assert.equal(results.length, 1);
    assert.equal(results[0]?.events[0]?.type, 'message');
    assert.deepEqual(results[0]?.errors, []);
  });

  it('reads the signature header case-insensitively', async () => {
    const body = oneMessage();
    const response = await webhook().handle(
      post(body, { 'X-Hub-Signature-256': signedHeaders(body)['x-hub-signature-256'] }),
    );
    assert.equal(response.status, 200);
  });

  it('answers 401 when the signature is missing, and hands nothing on', async () => {
    let called = false;
    const response = await webhook({ onEvents: () => void (called = true) }).handle(post(oneMessage(), {}));
    assert.equal(response.status, 401);
    assert.equal(called, false);
  });

  it('answers 403 for malformed signatures without throwing', async () => {
    const body = oneMessage();
    const good = signedHeaders(body)['x-hub-signature-256'] ?? '';
    const malformed: Array<string | string[]> = [
      'sha256=zz' + good.slice(9),
      good.slice(0, -2),
      good + 'ab',
      'sha1=' + good.slice(7),
      'sha256=',
      'garbage',
      good.slice(7),
      [good, good],
    ];
    for (const value of malformed) {
      const response = await webhook().handle(post(body, { 'x-hub-signature-256': value }));
      assert.equal(response.status, 403, `for ${JSON.stringify(value)}`);
    }
  });

  it('answers 403 when the body was signed with another secret or tampered with', async () => {
    const body = oneMessage('pay 10');
    assert.equal((await webhook().handle(post(body, signedHeaders(body, 'other-secret')))).status, 403);
    const tampered = body.replace('pay 10', 'pay 99');
    assert.equal((await webhook().handle(post(tampered, signedHeaders(body)))).status, 403);
  });

  it('accepts a body signed with any of several configured secrets (rotation)', async () => {
    const hook = webhook({ appSecret: ['old-secret', 'new-secret'] });
    const body = oneMessage();
    assert.equal((await hook.handle(post(body, signedHeaders(body, 'old-secret')))).status, 200);
    assert.equal((await hook.handle(post(body, signedHeaders(body, 'new-secret')))).status, 200);
    assert.equal((await hook.handle(post(body, signedHeaders(body, SECRET)))).status, 403);
  });

  it('ignores the legacy SHA-1 header unless allowSha1 is set', async () => {
    const body = oneMessage();
    const headers = { 'x-hub-signature': sha1Header(body) };
    assert.equal((await webhook().handle(post(body, headers))).status, 401);
    assert.equal((await webhook({ allowSha1: true }).handle(post(body, headers))).status, 200);
    const wrong = { 'x-hub-signature': sha1Header(body, 'other-secret') };
    assert.equal((await webhook({ allowSha1: true }).handle(post(body, wrong))).status, 403);
  });

  it('checks the SHA-256 header, not the SHA-1 one, when both are present', async () => {
    const body = oneMessage();
    const headers = {
      'x-hub-signature': sha1Header(body),
      'x-hub-signature-256': 'sha256=' + '0'.repeat(64),
    };
    assert.equal((await webhook({ allowSha1: true }).handle(post(body, headers))).status, 403);
  });

  it('never echoes any part of the body in a refusal', async () => {
    const body = JSON.stringify({ object: 'page', marker: 'ECHO_ME_<script>' });
    const refusals = [
      post(body, {}),
      post(body, { 'x-hub-signature-256': 'sha256=' + '1'.repeat(64) }),
      post(body, { 'x-hub-signature-256': 'ECHO_ME' }),
      post('ECHO_ME {', signedHeaders('ECHO_ME {')),
      { ...post(body), method: 'PUT' },
    ];
    for (const request of refusals) {
      const response = await webhook({ maxBodyBytes: 1_000 }).handle(request);
      assert.ok(response.status >= 400);
      assert.ok(!response.body.includes('ECHO_ME'), response.body);
    }
  });
});

describe('webhook core: POST body', () => {
  it('answers 413 for a body over the limit before checking anything else', async () => {
    const body = oneMessage('x'.repeat(200));
    const response = await webhook({ maxBodyBytes: 100 }).handle(post(body, {}));
    assert.equal(response.status, 413);
  });

  it('answers 400 for signed malformed JSON, invalid UTF-8 and an empty body', async () => {
    for (const body of [
      Buffer.from('{"object":"page",'),
      Buffer.from([0x7b, 0xc3, 0x28, 0x7d]),
      Buffer.alloc(0),
    ]) {
      const response = await webhook().handle(post(body));
      assert.equal(response.status, 400);
    }
  });

  it('answers 200 for signed JSON that is not an envelope and hands its decode issues on', async () => {
    const results: DecodeResult[] = [];
    const body = JSON.stringify({ hello: 'world' });
    const response = await webhook({ onEvents: (result) => void results.push(result) }).handle(post(body));
    assert.equal(response.status, 200);
    assert.equal(results.length, 1);
    assert.deepEqual(results[0]?.events, []);
    assert.ok((results[0]?.errors.length ?? 0) > 0);
  });

  it('decodes non-ASCII text from the exact bytes', async () => {
    const results: DecodeResult[] = [];
    const body = oneMessage('héllo wörld 👋 äöå');
    await webhook({ onEvents: (result) => void results.push(result) }).handle(post(body));
    const event = results[0]?.events[0];
    assert.ok(event?.type === 'message');
    assert.equal(event.message.text, 'héllo wörld 👋 äöå');
  });

  it('delivers the entries of several pages from one POST, in order', async () => {
    const results: DecodeResult[] = [];
    const body = pageEnvelope([
      {
        page: 'PAGE_A',
        items: [messageItem('PAGE_A', 'U1', 'm_a1', 'a1'), messageItem('PAGE_A', 'U2', 'm_a2', 'a2')],
      },
      { page: 'PAGE_B', items: [messageItem('PAGE_B', 'U1', 'm_b1', 'b1')] },
      { page: 'PAGE_C', items: [messageItem('PAGE_C', 'U3', 'm_c1', 'c1')] },
    ]);
    await webhook({ onEvents: (result) => void results.push(result) }).handle(post(body));
    const events = results[0]?.events ?? [];
    assert.deepEqual(
      events.map((event) => [event.entryId, event.type === 'message' ? event.message.mid : '']),
      [
        ['PAGE_A', 'm_a1'],
        ['PAGE_A', 'm_a2'],
        ['PAGE_B', 'm_b1'],
        ['PAGE_C', 'm_c1'],
      ],
    );
  });

  it('accepts a 1000-event batch under the default limit', async () => {
    const items = Array.from({ length: 1000 }, (_, i) =>
      messageItem(
        'PAGE_1',
        `USER_${i}`,
        `m_${'x'.repeat(80)}_${i}`,
        `message number ${i}: ${'é'.repeat(60)}`,
      ),
    );
    const body = pageEnvelope([{ page: 'PAGE_1', items }]);
    assert.ok(Buffer.byteLength(body) > 250_000, `batch is ${Buffer.byteLength(body)} bytes`);
    let count = 0;
    const response = await webhook({ onEvents: (result) => void (count = result.events.length) }).handle(
      post(body),
    );
    assert.equal(response.status, 200);
    assert.equal(count, 1000);
  });
});

describe('webhook core: handing events on', () => {
  it('answers 200 while the onEvents promise is still pending', async () => {
    let settled = false;
    const never = new Promise<void>(() => undefined).finally(() => (settled = true));
    const response = await webhook({ onEvents: () => never }).handle(post(oneMessage()));
    assert.equal(response.status, 200);
    assert.equal(settled, false);
  });

  it('answers 200 when onEvents throws and reports the error to onError', async () => {
    const errors: unknown[] = [];
    const hook = webhook({
      onEvents: () => {
        throw new Error('handler bug');
      },
      onError: (error) => errors.push(error),
    });
    assert.equal((await hook.handle(post(oneMessage()))).status, 200);
    assert.equal((errors[0] as Error).message, 'handler bug');
  });

  it('answers 200 when onEvents rejects and reports the rejection to onError', async () => {
    const errors: unknown[] = [];
    let fail: (error: Error) => void = () => undefined;
    const hook = webhook({
      onEvents: () => new Promise<void>((_, reject) => (fail = reject)),
      onError: (error) => errors.push(error),
    });
    assert.equal((await hook.handle(post(oneMessage()))).status, 200);
    fail(new Error('late failure'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal((errors[0] as Error).message, 'late failure');
  });

  it('with awaitHandlers, answers only after onEvents resolves', async () => {
    const order: string[] = [];
    let finish: () => void = () => undefined;
    const hook = webhook({
      awaitHandlers: true,
      onEvents: () => new Promise<void>((resolve) => (finish = resolve)),
    });
    const answered = hook
      .handle(post(oneMessage()))
      .then((response) => order.push(`answered ${response.status}`));
    await new Promise((resolve) => setImmediate(resolve));
    order.push('handler done');
    finish();
    await answered;
    assert.deepEqual(order, ['handler done', 'answered 200']);
  });

  it('with awaitHandlers, answers 500 when onEvents throws or rejects', async () => {
    const errors: unknown[] = [];
    const throwing = webhook({
      awaitHandlers: true,
      onEvents: () => {
        throw new Error('sync');
      },
      onError: (error) => errors.push(error),
    });
    const rejecting = webhook({
      awaitHandlers: true,
      onEvents: () => Promise.reject(new Error('async')),
      onError: (error) => errors.push(error),
    });
    assert.equal((await throwing.handle(post(oneMessage()))).status, 500);
    assert.equal((await rejecting.handle(post(oneMessage()))).status, 500);
    assert.deepEqual(
      errors.map((error) => (error as Error).message),
      ['sync', 'async'],
    );
  });

  it('survives an onError that itself throws', async () => {
    const hook = webhook({
      onEvents: () => {
        throw new Error('handler bug');
      },
      onError: () => {
        throw new Error('logger bug');
      },
    });
    assert.equal((await hook.handle(post(oneMessage()))).status, 200);
  });

  it('logs a short line without secrets when no onError is given', async () => {
    const lines: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    try {
      const hook = createWebhook({
        appSecret: SECRET,
        verifyToken: TOKEN,
        onEvents: () => {
          throw new Error('handler bug');
        },
      });
      assert.equal((await hook.handle(post(oneMessage()))).status, 200);
    } finally {
      console.error = original;
    }
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /handler bug/);
    assert.ok(!lines[0]?.includes(SECRET) && !lines[0]?.includes(TOKEN));
  });
});

describe('webhook core: other methods', () => {
  it('answers 405 with Allow: GET, POST for any other method', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']) {
      const response = await webhook().handle({ method, query: {}, headers: {} });
      assert.equal(response.status, 405);
      assert.equal(response.headers['allow'], 'GET, POST');
    }
  });
});
