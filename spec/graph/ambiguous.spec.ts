import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError, createRetryPolicy, type GraphClient, type GraphRequest } from '../../lib/graph/index.js';
import { makeClient } from './helpers.js';

/** How the stub answers one call: drop the connection, never answer, or answer 200 with `json`. */
type Behaviour = 'reset' | 'hang' | { json: unknown };

/** One call the stub saw: method, path and the raw body. */
interface Call {
  method: string;
  path: string;
  body: string;
}

/** A Graph API on loopback that answers its calls with `script`, in order (the last entry repeats). */
async function stub(script: readonly Behaviour[]): Promise<{ url: string; calls: Call[]; server: Server }> {
  const calls: Call[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      calls.push({
        method: req.method ?? '',
        path: (req.url ?? '').split('?')[0] ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const how = script[Math.min(calls.length, script.length) - 1] ?? 'hang';
      if (how === 'reset') req.socket.destroy();
      else if (how !== 'hang') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(how.json));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, server };
}

const SENT = { json: { recipient_id: 'U1', message_id: 'm_1' } };
const ID = { json: { id: 'c_1' } };

describe('retries of calls that may have reached Meta (ambiguous failures)', () => {
  const servers: Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) {
      server.close();
      server.closeAllConnections();
    }
  });

  async function clientOn(
    script: readonly Behaviour[],
    options: Parameters<typeof makeClient>[0] = {},
  ): Promise<{ client: GraphClient; calls: Call[] }> {
    const s = await stub(script);
    servers.push(s.server);
    // A short timeout is how the stub's hang becomes a timeout; nothing here measures time.
    return { client: makeClient({ baseUrl: s.url, timeoutMs: 150, ...options }), calls: s.calls };
  }

  it('retries a DM after a reset with the very same body, metadata included', async () => {
    const { client, calls } = await clientOn(['reset', SENT]);
    const result = await client.send.text('U1', 'hello', { metadata: 'reply-42' });
    assert.equal(result.message_id, 'm_1');
    assert.equal(calls.length, 2);
    assert.equal(calls[0]?.body, calls[1]?.body);
    assert.equal(
      (JSON.parse(calls[1]?.body ?? '{}') as { message: { metadata: string } }).message.metadata,
      'reply-42',
    );
  });

  it('does not retry a DM that timed out: Meta most likely has it, and a retry would show it twice', async () => {
    const { client, calls } = await clientOn(['hang', SENT]);
    await assert.rejects(client.send.text('U1', 'hello'), (error: unknown) => {
      assert.ok(error instanceof HttpError);
      assert.equal(error.reason, 'timeout');
      assert.equal(error.mayHaveReachedServer, true);
      return true;
    });
    assert.equal(calls.length, 1);
  });

  it('never retries a public comment reply or a mention reply after a reset or a timeout', async () => {
    for (const failure of ['reset', 'hang'] as const) {
      const comment = await clientOn([failure, ID]);
      await assert.rejects(comment.client.instagram.replyToComment('c_0', 'Thanks!'), HttpError);
      assert.equal(comment.calls.length, 1, `comment reply after ${failure}`);
      const mention = await clientOn([failure, ID]);
      await assert.rejects(
        mention.client.instagram.replyToMention({ igUserId: 'IG', mediaId: 'M', message: 'hi' }),
        HttpError,
      );
      assert.equal(mention.calls.length, 1, `mention reply after ${failure}`);
    }
  });

  it('retries a private reply (Meta takes one per comment) and a sender action (idempotent) after a timeout', async () => {
    const privately = await clientOn(['hang', SENT]);
    await privately.client.instagram.privateReply({ from: 'IG', commentId: 'c_0', text: 'psst' });
    assert.equal(privately.calls.length, 2);
    const typing = await clientOn(['hang', { json: { recipient_id: 'U1' } }]);
    await typing.client.send.senderAction('U1', 'typing_on');
    assert.equal(typing.calls.length, 2);
  });

  it('still retries what certainly never reached Meta (connection refused), even a comment reply', async () => {
    let retries = 0;
    const client = makeClient({
      baseUrl: 'http://127.0.0.1:1',
      retry: createRetryPolicy({ maxRetries: 2 }),
      onRetry: () => void (retries += 1),
    });
    await assert.rejects(client.instagram.replyToComment('c_0', 'x'), HttpError);
    assert.equal(retries, 2);
  });

  it('lets the policy override the calls: retryAmbiguous true retries a timed-out DM, false a reset one not', async () => {
    const eager = await clientOn(['hang', SENT], { retry: createRetryPolicy({ retryAmbiguous: true }) });
    await eager.client.send.text('U1', 'hello');
    assert.equal(eager.calls.length, 2);
    const careful = await clientOn(['reset', SENT], { retry: createRetryPolicy({ retryAmbiguous: false }) });
    await assert.rejects(careful.client.send.text('U1', 'hello'), HttpError);
    assert.equal(careful.calls.length, 1);
  });

  it('applies the rule a raw request names, and `always` to one that names none', () => {
    const policy = createRetryPolicy({ jitter: 'none' });
    const timeout = new HttpError({ reason: 'timeout', method: 'POST', path: 'x' });
    const reset = new HttpError({ reason: 'network', code: 'ECONNRESET', method: 'POST', path: 'x' });
    const request = (ambiguousRetry?: GraphRequest['ambiguousRetry']): GraphRequest => ({
      method: 'POST',
      path: 'x',
      ...(ambiguousRetry === undefined ? {} : { ambiguousRetry }),
    });
    assert.equal(policy.delayMs(timeout, 1, request()), 250);
    assert.equal(policy.delayMs(timeout, 1), 250);
    assert.equal(policy.delayMs(timeout, 1, request('unless-timeout')), undefined);
    assert.equal(policy.delayMs(reset, 1, request('unless-timeout')), 250);
    assert.equal(policy.delayMs(reset, 1, request('never')), undefined);
    const gateway = new HttpError({ reason: 'status', status: 504, method: 'POST', path: 'x' });
    assert.equal(policy.delayMs(gateway, 1, request('unless-timeout')), undefined);
  });
});
