/**
 * The example runner on Redis: REDIS_URL and ROLE are read for every example, bad values end it with one line
 * and exit 1 (never the password), and a receiver and a worker started by the runner answer a user together.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { runExample, type Example, type RunIo } from '../../examples/support/run.js';
import { readDelivery } from '../../examples/support/env.js';
import { echoExample } from '../../examples/echo.js';
import { botkitExample } from '../../examples/botkit.js';
import { startEmulator } from '../../lib/emulator/index.js';
import type { TestableBot } from '../../lib/testkit/index.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { waitFor } from '../redis/helpers.js';

interface Run {
  code: Promise<number>;
  out: string[];
  err: string[];
}

function start<B extends TestableBot>(example: Example<B>, env: Record<string, string>, io: RunIo = {}): Run {
  const out: string[] = [];
  const err: string[] = [];
  const code = runExample(example, {
    env: { PORT: '0', ...env },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    ...io,
  });
  return { code, out, err };
}

describe('examples/support: REDIS_URL and ROLE', function () {
  this.timeout(20_000);
  let server: RedisServer;

  before(async () => {
    server = await startRedis();
  });
  after(async () => {
    await server.stop();
  });

  const refusals: [string, Record<string, string>, RegExp][] = [
    ['a ROLE that is not a role', { ROLE: 'boss' }, /^ROLE must be all, receiver or worker, got "boss"\.$/],
    ['ROLE=worker without REDIS_URL', { ROLE: 'worker' }, /^ROLE=worker needs REDIS_URL/],
    [
      'a REDIS_URL that is not redis://',
      { REDIS_URL: 'http://user:hunter2@example.com' },
      /^REDIS_URL must be a redis:\/\//,
    ],
    [
      'ROLE=receiver against the emulator',
      { REDIS_URL: 'redis://127.0.0.1:6379', ROLE: 'receiver' },
      /^ROLE=receiver needs a real page: with the emulator/,
    ],
  ];
  for (const [what, env, pattern] of refusals) {
    it(`refuses ${what} with one line and exit 1`, async () => {
      const run = start(echoExample, env, { argv: ['--once'] });
      assert.equal(await run.code, 1);
      assert.equal(run.err.length, 1);
      assert.match(run.err[0]!, pattern);
      assert.doesNotMatch(run.err[0]!, /hunter2/);
      assert.deepEqual(run.out, []);
    });
  }

  it('ends with one line naming host and port, never the password, when Redis is unreachable', async () => {
    const down = await startRedis({ password: 'hunter2' });
    const url = down.url;
    await down.stop();
    const run = start(echoExample, { REDIS_URL: url }, { argv: ['--once'] });
    assert.equal(await run.code, 1);
    assert.deepEqual(run.err, [
      `Redis at 127.0.0.1:${down.port} (REDIS_URL) is unreachable: connect ECONNREFUSED 127.0.0.1:${down.port}`,
    ]);
    assert.doesNotMatch(run.err.join('\n'), /hunter2/);
  });

  it('ends with one line, without the password, when Redis refuses it', async () => {
    const locked = await startRedis({ password: 'right-one' });
    try {
      const run = start(
        echoExample,
        { REDIS_URL: `redis://:hunter2@127.0.0.1:${locked.port}` },
        { argv: ['--once'] },
      );
      assert.equal(await run.code, 1);
      assert.equal(run.err.length, 1);
      assert.match(run.err[0]!, /^Redis at 127\.0\.0\.1:\d+ \(REDIS_URL\) is unreachable: /);
      assert.doesNotMatch(run.err[0]!, /hunter2/);
    } finally {
      await locked.stop();
    }
  });

  it('refuses an example whose app takes no inbox (Botkit) with one line', async () => {
    const run = start(botkitExample, { REDIS_URL: server.url }, { argv: ['--once'] });
    assert.equal(await run.code, 1);
    assert.deepEqual(run.err, [
      'example:botkit does not run on the Redis inbox (its app takes no inbox from the config); unset REDIS_URL.',
    ]);
  });

  it('plays the echo demo on the Redis inbox against the emulator (ROLE=all)', async () => {
    const run = start(echoExample, { REDIS_URL: server.url, ROLE: 'all' }, { argv: ['--once'] });
    assert.equal(await run.code, 0);
    assert.deepEqual(run.err, []);
    const text = run.out.join('\n');
    assert.match(text, /Events wait in Redis at 127\.0\.0\.1:\d+\./);
    assert.match(text, /bot ◂ Ann: You said: Hello bot!/);
    assert.match(text, /bot ◂ ig_bob: You said: Hi from Instagram/);
  });

  it('runs a receiver and a worker as separate runs that answer a user together (live mode)', async () => {
    const emulator = await startEmulator();
    let stop: () => void = () => undefined;
    const until = new Promise<void>((resolve) => (stop = resolve));
    const live = {
      APP_SECRET: emulator.config.appSecret,
      VERIFY_TOKEN: emulator.config.verifyToken,
      PAGE_ACCESS_TOKEN: emulator.config.accessToken,
      GRAPH_API_URL: emulator.url,
      REDIS_URL: server.url,
    };
    const receiver = start(echoExample, { ...live, ROLE: 'receiver' }, { until });
    const worker = start(echoExample, { ...live, ROLE: 'worker' }, { until });
    try {
      await waitFor(() => receiver.out.length > 0 && worker.out.length > 0);
      const url = /serving the webhook at (\S+) for/.exec(receiver.out[0] ?? '')?.[1];
      assert.ok(url !== undefined, receiver.out.join('\n'));
      assert.match(worker.out.join('\n'), /worker handling the events in Redis at 127\.0\.0\.1:\d+/);
      assert.match(worker.out.join('\n'), /It serves no webhook/);
      emulator.connect(url);
      assert.equal((await emulator.user('dee').say('through Redis')).status, 200);
      const [reply] = await emulator.waitForMessages(1, { timeoutMs: 10_000 });
      assert.equal(reply?.text, 'You said: through Redis');
    } finally {
      stop();
      assert.equal(await receiver.code, 0);
      assert.equal(await worker.code, 0);
      await emulator.close();
    }
    assert.deepEqual([...receiver.err, ...worker.err], []);
    assert.match(receiver.out.join('\n'), /Receiver: events go to Redis/);
    assert.doesNotMatch([...receiver.out, ...worker.out].join('\n'), /redis:\/\//);
  });

  it('exits 1 with one line on stderr when `npm run example` gets a bad ROLE', () => {
    const { REDIS_URL: _url, APP_SECRET: _secret, GRAPH_API_URL: _graph, ...env } = process.env;
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'examples/echo.ts', '--once'], {
      env: { ...env, ROLE: 'boss' },
      encoding: 'utf8',
    });
    assert.equal(result.status, 1);
    assert.equal(result.stderr, 'ROLE must be all, receiver or worker, got "boss".\n');
    assert.equal(result.stdout, '');
  });

  it('reads an unset REDIS_URL as the in-memory inbox, as before', () => {
    assert.deepEqual(readDelivery({}), { kind: 'memory' });
    assert.deepEqual(readDelivery({ ROLE: 'all' }, true), { kind: 'memory' });
  });
});
