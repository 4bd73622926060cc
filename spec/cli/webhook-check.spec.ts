import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkWebhook } from '../../lib/cli/webhook-check.js';

const SECRET = 'check-app-secret';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A webhook stand-in that records what it got and answers what `answer` says. */
async function stub(answer: (seen: Seen) => { status: number; body: string }) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const one = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(one);
      const { status, body } = answer(one);
      res.writeHead(status).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    seen,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('webhook check: the requests Meta sends', () => {
  it('sends the handshake with a challenge and the verify token, then a POST signed like Meta (SHA-256 and SHA-1)', async () => {
    const server = await stub((s) => {
      if (s.method === 'GET')
        return { status: 200, body: new URL(s.url, 'http://x').searchParams.get('hub.challenge') ?? '' };
      return { status: s.headers['x-hub-signature-256'] === undefined ? 401 : 200, body: 'EVENT_RECEIVED' };
    });
    try {
      const steps = await checkWebhook({ url: server.url, verifyToken: 'vt-1', appSecret: SECRET });
      assert.deepEqual(
        steps.map((s) => [s.name, s.ok, s.status]),
        [
          ['handshake', true, 200],
          ['signed POST', true, 200],
          ['unsigned POST', true, 401],
        ],
      );
      const [get, post, unsigned] = server.seen;
      const query = new URL(get?.url ?? '', 'http://x').searchParams;
      assert.equal(query.get('hub.mode'), 'subscribe');
      assert.equal(query.get('hub.verify_token'), 'vt-1');
      assert.match(query.get('hub.challenge') ?? '', /^\d+$/);
      assert.equal(get?.headers['user-agent'], 'facebookexternalua');
      const body = post?.body ?? '';
      assert.equal(
        post?.headers['x-hub-signature-256'],
        `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
      );
      assert.equal(
        post?.headers['x-hub-signature'],
        `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}`,
      );
      assert.equal((JSON.parse(body) as { object: string }).object, 'page');
      assert.equal(unsigned?.headers['x-hub-signature-256'], undefined);
    } finally {
      await server.close();
    }
  });

  it('stops after a handshake that does not echo the challenge, and flags a webhook that takes unsigned POSTs', async () => {
    const wrong = await stub(() => ({ status: 200, body: 'ok' }));
    try {
      const steps = await checkWebhook({ url: wrong.url, verifyToken: 'vt', appSecret: SECRET });
      assert.deepEqual(
        steps.map((s) => [s.name, s.ok]),
        [['handshake', false]],
      );
      assert.equal(wrong.seen.length, 1);
    } finally {
      await wrong.close();
    }
    const open = await stub((s) => ({
      status: 200,
      body: s.method === 'GET' ? (new URL(s.url, 'http://x').searchParams.get('hub.challenge') ?? '') : 'ok',
    }));
    try {
      const steps = await checkWebhook({ url: open.url, verifyToken: 'vt', appSecret: SECRET });
      assert.deepEqual(
        steps.map((s) => s.ok),
        [true, true, false],
      );
      assert.match(steps[2]?.detail ?? '', /accepts POSTs without a signature/);
    } finally {
      await open.close();
    }
  });
});
