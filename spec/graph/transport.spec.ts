import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import {
  GraphClient,
  HttpError,
  TransportTimeoutError,
  fetchTransport,
  nodeTransport,
} from '../../lib/graph/index.js';
import type { TransportRequest } from '../../lib/graph/index.js';
import { startServer, useLoopback } from './helpers.js';

function call(overrides: Partial<TransportRequest> = {}): TransportRequest {
  return { method: 'GET', headers: {}, body: undefined, timeoutMs: 5_000, ...overrides };
}

describe('graph transport: node:http', () => {
  useLoopback();

  it('sends the method, headers and body with its length, and returns status, headers and the whole body', async () => {
    let seen: {
      method?: string | undefined;
      type?: string | undefined;
      length?: string | undefined;
      body: string;
    } = {
      body: '',
    };
    const server = await startServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        seen = {
          method: req.method,
          type: req.headers['content-type'],
          length: req.headers['content-length'],
          body,
        };
        res.writeHead(201, { 'X-Business-Use-Case-Usage': '{}', 'set-cookie': ['a=1', 'b=2'] });
        // A multi-byte character split across two writes must arrive whole.
        const bytes = Buffer.from('{"text":"héllo 👋"}');
        res.write(bytes.subarray(0, 13));
        setTimeout(() => res.end(bytes.subarray(13)), 5);
      });
    });
    try {
      const body = JSON.stringify({ text: 'привет' });
      const response = await nodeTransport()(
        `${server.url}/v25.0/me/messages`,
        call({
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }),
      );
      assert.deepEqual(seen, {
        method: 'POST',
        type: 'application/json',
        length: String(Buffer.byteLength(body)),
        body,
      });
      assert.equal(response.status, 201);
      assert.equal(response.body, '{"text":"héllo 👋"}');
      assert.equal(response.headers.get('x-business-use-case-usage'), '{}');
      assert.equal(response.headers.get('X-Business-Use-Case-Usage'), '{}');
      assert.equal(response.headers.get('set-cookie'), 'a=1, b=2');
      assert.equal(response.headers.get('retry-after'), null);
    } finally {
      await server.close();
    }
  });

  it('keeps the connection alive between calls instead of opening one per call', async () => {
    const sockets = new Set<Socket>();
    const server = await startServer((req, res) => {
      sockets.add(req.socket);
      res.end('{}');
    });
    try {
      const transport = nodeTransport();
      for (let i = 0; i < 5; i++) await transport(`${server.url}/me`, call());
      assert.equal(server.requests.length, 5);
      assert.equal(sockets.size, 1);
    } finally {
      await server.close();
    }
  });

  it('rejects a response cut short after its headers rather than resolving half a body', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"partial":');
      setTimeout(() => res.destroy(), 10);
    });
    try {
      await assert.rejects(nodeTransport()(`${server.url}/me`, call()));
    } finally {
      await server.close();
    }
  });

  it('rejects when the signal aborts while the body is being read', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"slow":');
    });
    try {
      const controller = new AbortController();
      const pending = nodeTransport()(`${server.url}/me`, call({ signal: controller.signal }));
      setTimeout(() => controller.abort(), 20);
      await assert.rejects(pending, { name: 'AbortError' });
    } finally {
      await server.close();
    }
  });

  it('fails with a TransportTimeoutError when the whole answer is not there within timeoutMs', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200);
      res.write('{"slow":'); // and never the rest
    });
    try {
      const started = Date.now();
      const error: unknown = await nodeTransport()(`${server.url}/me`, call({ timeoutMs: 50 })).then(
        () => assert.fail('expected a rejection'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof TransportTimeoutError);
      assert.equal(error.timeoutMs, 50);
      assert.ok(Date.now() - started < 2_000);
    } finally {
      await server.close();
    }
  });

  it('rejects at once with an AbortError when the signal had already aborted, sending nothing', async () => {
    const server = await startServer((_req, res) => res.end('{}'));
    try {
      const signal = AbortSignal.abort();
      await assert.rejects(nodeTransport()(`${server.url}/me`, call({ signal })), { name: 'AbortError' });
      assert.deepEqual(server.requests, []);
    } finally {
      await server.close();
    }
  });

  it('percent-encodes a path a request line cannot carry, and reaches hosts given by IPv6 address', async () => {
    const server = await startServer((req, res) => res.end(JSON.stringify({ url: req.url })));
    try {
      const port = new URL(server.url).port;
      const response = await nodeTransport()(`http://[::ffff:127.0.0.1]:${port}/a b/é?x=1`, call());
      assert.deepEqual(JSON.parse(response.body), { url: '/a%20b/%C3%A9?x=1' });
    } finally {
      await server.close();
    }
  });

  it('refuses URLs it cannot send to, saying why', async () => {
    await assert.rejects(nodeTransport()('ftp://example.com/me', call()), /unsupported protocol ftp:/);
    await assert.rejects(nodeTransport()('http://bad host/me', call()), /Failed to parse URL from/);
    await assert.rejects(nodeTransport()('http://user:pw@127.0.0.1/me', call()), /credentials/);
  });

  it('turns a cut-short answer into an HttpError the retry layer treats as a network failure', async () => {
    let calls = 0;
    const server = await startServer((_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(200, { 'content-length': '50' });
        res.write('{"recipient_id":');
        setTimeout(() => res.destroy(), 5);
        return;
      }
      res.end(JSON.stringify({ recipient_id: '1', message_id: 'm_1' }));
    });
    try {
      const noRetry = new GraphClient({ accessToken: 'T', baseUrl: server.url, retry: false });
      const error: unknown = await noRetry.send.text('1', 'hi').then(
        () => assert.fail('expected a rejection'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof HttpError);
      assert.equal(error.reason, 'network');
      assert.equal(error.retryable, true);
      const withRetry = new GraphClient({
        accessToken: 'T',
        baseUrl: server.url,
        sleep: () => Promise.resolve(),
      });
      calls = 0;
      assert.deepEqual(await withRetry.send.text('1', 'hi'), { recipient_id: '1', message_id: 'm_1' });
      assert.equal(calls, 2);
    } finally {
      await server.close();
    }
  });
});

describe('graph transport: over a fetch', () => {
  it('passes the call to the fetch given and reads status, headers and body from its Response', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const transport = fetchTransport((url, init) => {
      seen.push({ url, init });
      return Promise.resolve(new Response('{"ok":true}', { status: 429, headers: { 'Retry-After': '3' } }));
    });
    const response = await transport('https://graph.example/me', {
      method: 'POST',
      headers: { a: 'b' },
      body: '{}',
      timeoutMs: 1_000,
    });
    assert.equal(seen.length, 1);
    const { url, init } = seen[0] as { url: string; init: RequestInit };
    assert.equal(url, 'https://graph.example/me');
    assert.deepEqual(
      { ...init, signal: undefined },
      { method: 'POST', headers: { a: 'b' }, body: '{}', signal: undefined },
    );
    assert.ok(init.signal instanceof AbortSignal);
    assert.equal(response.status, 429);
    assert.equal(response.body, '{"ok":true}');
    assert.equal(response.headers.get('retry-after'), '3');
  });

  it('times the fetch out through its signal and rejects with a TransportTimeoutError', async () => {
    const transport = fetchTransport(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    );
    await assert.rejects(
      transport('https://graph.example/me', call({ timeoutMs: 20 })),
      TransportTimeoutError,
    );
  });

  it("passes the caller's abort through, as an abort rather than a timeout", async () => {
    const transport = fetchTransport(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const controller = new AbortController();
    const pending = transport('https://graph.example/me', call({ signal: controller.signal }));
    controller.abort();
    await assert.rejects(pending, { name: 'AbortError' });
  });
});
