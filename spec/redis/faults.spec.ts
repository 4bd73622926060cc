import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import {
  RedisAcceptError,
  RedisInbox,
  RedisLeaseLostError,
  partitionOf,
  type RedisInboxError,
  type RedisInboxOptions,
} from '../../lib/redis/index.js';
import { TRIM } from '../../lib/redis/scripts.js';
import { startRedis, useRedis, type RedisServer } from '../support/redis.js';
import {
  assertDelivered,
  conversationOf,
  loggingHandler,
  messageEvent,
  type LogRecord,
  readLog,
  usersCovering,
  waitFor,
  waitForEnds,
} from './helpers.js';

const PARTITIONS = 6;
const CLAIM_IDLE_MS = 1500;

/** Options shared by the inboxes of these specs. */
function optionsFor(server: RedisServer, errors: RedisInboxError[]): RedisInboxOptions {
  return {
    redis: server.url,
    partitions: PARTITIONS,
    claimIdleMs: CLAIM_IDLE_MS,
    blockMs: 200,
    errors: (error) => errors.push(error),
  };
}

/** The partitions whose lease a worker holds, read from Redis. */
async function leasedBy(redis: Redis, workerId: string): Promise<number[]> {
  const held: number[] = [];
  for (let p = 0; p < PARTITIONS; p++) {
    const token = await redis.get(`mrx:{mrx:${p}}:lease`);
    if (token?.startsWith(`${workerId}#`) === true) held.push(p);
  }
  return held;
}

/** The conversations of a partition's pending (delivered, unacknowledged) entries. */
async function pendingConversations(redis: Redis, p: number): Promise<string[]> {
  const stream = `mrx:{mrx:${p}}:stream`;
  const pending = (await redis.xpending(stream, 'workers', '-', '+', 1000)) as [string, ...unknown[]][];
  const conversations: string[] = [];
  for (const [id] of pending) {
    const [entry] = await redis.xrange(stream, id, id);
    const fields = entry?.[1] ?? [];
    conversations.push(fields[fields.indexOf('c') + 1] ?? '');
  }
  return conversations;
}

/** Accepts like Meta: retries a batch the inbox refused until it takes it. */
async function acceptLikeMeta(
  inbox: RedisInbox,
  events: Parameters<RedisInbox['accept']>[0],
): Promise<number> {
  for (let refused = 0; ; refused++) {
    try {
      await inbox.accept(events);
      return refused;
    } catch (error) {
      assert.ok(error instanceof RedisAcceptError);
    }
  }
}

describe('RedisInbox under faults', () => {
  let open: RedisInbox[] = [];
  let errors: RedisInboxError[] = [];

  afterEach(async () => {
    await Promise.all(open.map((i) => i.stop()));
    open = [];
    errors = [];
  });

  describe('a worker process killed mid-handler', () => {
    let child: ChildProcess | undefined;
    // Registered first, so it runs first: the worker process dies before its Redis does.
    after(() => {
      child?.kill('SIGKILL');
    });
    const db = useRedis();

    it('hands its pending events to the survivors: all at least once, exactly once but the one in flight, in order', async function () {
      // A forked tsx process and one lease expiry: slow on a loaded machine, bounded all the same.
      this.timeout(60_000);
      const script = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
      const started = fork(script, [], {
        execArgv: ['--import', 'tsx'],
        env: {
          ...process.env,
          REDIS_URL: db.server.url,
          WORKER_ID: 'child',
          PARTITIONS: String(PARTITIONS),
          CLAIM_IDLE_MS: String(CLAIM_IDLE_MS),
          HANG_TEXT: 'hang',
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child = started;
      await new Promise<void>((resolve, reject) => {
        started.once('message', () => resolve());
        started.once('exit', (code) =>
          reject(new Error(`the worker process exited (${code}) before it started`)),
        );
      });
      const survivors = ['s1', 's2'].map(
        (id) => new RedisInbox({ ...optionsFor(db.server, errors), workerId: id }),
      );
      open.push(...survivors);
      for (const s of survivors) s.start(loggingHandler(db.redis, s.workerId));
      const receiver = new RedisInbox(optionsFor(db.server, errors));
      open.push(receiver);
      let childHeld: number[] = [];
      await waitFor(async () => {
        childHeld = await leasedBy(db.redis, 'child');
        const all = [...childHeld, ...survivors.flatMap((s) => s.heldPartitions())];
        return childHeld.length === 2 && new Set(all).size === PARTITIONS;
      });

      // Phase 1: every conversation, some on the child's partitions; all finish and are acknowledged.
      const users = usersCovering(PARTITIONS, 2);
      const counts = new Map(users.map((u) => [u, 0]));
      const send = async (batch: string[]): Promise<void> => {
        const events = batch.map((u) => {
          counts.set(u, (counts.get(u) ?? 0) + 1);
          const n = counts.get(u)!;
          return messageEvent(u, n, u === trap && n === 2 ? `${n}:hang` : String(n));
        });
        await receiver.accept(events);
      };
      const trap = users.find((u) => childHeld.includes(partitionOf(conversationOf(u), PARTITIONS)))!;
      const others = users.filter((u) => u !== trap);
      const onChild = (u: string): boolean => childHeld.includes(partitionOf(conversationOf(u), PARTITIONS));
      for (let round = 0; round < 3; round++) await send(others);
      await waitForEnds(db.redis, others.length * 3);
      const childRan = new Set((await readLog(db.redis)).filter((r) => r.w === 'child').map((r) => r.c));
      assert.ok(childRan.size > 0, 'the child ran events before it was killed');

      // Phase 2: the trap conversation (its event 2 hangs on the child) and more on the survivors' partitions.
      await send([trap]);
      await send([trap]);
      await send([trap]);
      await send(others.filter((u) => !onChild(u)));
      const trapped = (r: LogRecord): boolean => r.w === 'child' && r.c === conversationOf(trap) && r.n === 2;
      await waitFor(async () => (await readLog(db.redis)).some((r) => trapped(r) && r.p === 's'));
      // Every other entry the child read is acknowledged, so the trap's event 2 is the only one in flight.
      await waitFor(async () => {
        for (const p of childHeld) {
          if ((await pendingConversations(db.redis, p)).some((c) => c !== conversationOf(trap))) return false;
        }
        return true;
      });
      started.kill('SIGKILL');
      await new Promise((resolve) => started.once('exit', resolve));
      child = undefined;

      // Phase 3: more for everyone while the child's partitions wait for their lease to expire.
      await send(users);
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const log = await waitForEnds(db.redis, total);
      assertDelivered(log, new Map([...counts].map(([u, n]) => [conversationOf(u), n])), 'child');
      const trapStarts = log.filter((r) => r.c === conversationOf(trap) && r.n === 2 && r.p === 's');
      assert.deepEqual(
        trapStarts.map((r) => r.w === 'child'),
        [true, false],
        'the event in flight ran again on a survivor',
      );
      await waitFor(() => survivors.every((s) => s.heldPartitions().length === PARTITIONS / 2));
    });
  });

  describe('a Redis crash and restart (append-only file, fsync always)', () => {
    let server: RedisServer;
    let redis: Redis;

    before(async () => {
      server = await startRedis({ appendOnly: true });
      redis = new Redis(server.url, { maxRetriesPerRequest: null });
      redis.on('error', () => undefined);
    });

    after(async () => {
      await redis.quit();
      await server.stop();
    });

    it('loses no accepted event: all run, in order per conversation, once the workers reconnect', async () => {
      const receiver = new RedisInbox(optionsFor(server, errors));
      const workers = ['w1', 'w2'].map(
        (id) => new RedisInbox({ ...optionsFor(server, errors), workerId: id }),
      );
      open.push(receiver, ...workers);
      const users = usersCovering(PARTITIONS, 1);
      // Accepted while no worker runs: only the append-only file can bring these back.
      for (let n = 1; n <= 2; n++) await receiver.accept(users.map((u) => messageEvent(u, n)));
      for (const w of workers) w.start(loggingHandler(redis, w.workerId));
      await receiver.accept(users.map((u) => messageEvent(u, 3)));
      await server.kill();
      // Accepted before the crash but maybe not yet run; more arrive (Meta retrying) while Redis comes back.
      const restarting = server.restart();
      for (let n = 4; n <= 6; n++)
        await acceptLikeMeta(
          receiver,
          users.map((u) => messageEvent(u, n)),
        );
      await restarting;
      const log = await waitForEnds(redis, users.length * 6);
      // At-least-once: an event that finished just before the crash may have lost its acknowledgement and run
      // again; each run still came in order, so check order on the last run of each event.
      const lastRuns = log.filter(
        (r, i) => r.p === 'e' && !log.slice(i + 1).some((l) => l.p === 'e' && l.c === r.c && l.n === r.n),
      );
      for (const u of users) {
        assert.deepEqual(
          lastRuns.filter((r) => r.c === conversationOf(u)).map((r) => r.n),
          [1, 2, 3, 4, 5, 6],
        );
      }
    });
  });

  describe('Redis unreachable', () => {
    it('accept rejects within acceptTimeoutMs (the 5xx), without the password, and works again once Redis is back', async () => {
      const password = 's3cret-pass';
      const server = await startRedis({ password, appendOnly: true });
      const redis = new Redis(server.url, { maxRetriesPerRequest: null });
      redis.on('error', () => undefined);
      try {
        const receiver = new RedisInbox({ ...optionsFor(server, errors), acceptTimeoutMs: 300 });
        const worker = new RedisInbox({ ...optionsFor(server, errors), workerId: 'w' });
        open.push(receiver, worker);
        worker.start(loggingHandler(redis, 'w'));
        await receiver.accept([messageEvent('ann', 1)]);
        await waitForEnds(redis, 1);
        await server.kill();
        const refused = await receiver.accept([messageEvent('ann', 2)]).then(
          () => undefined,
          (error: unknown) => error,
        );
        assert.ok(refused instanceof RedisAcceptError, String(refused));
        const texts = [refused.message, String(refused.cause), JSON.stringify(refused)].join(' ');
        assert.ok(!texts.includes(password), 'no password in the error');
        // A caller's client that would queue commands forever (no retry limit): the timer still answers.
        const patient = new Redis(server.url, { maxRetriesPerRequest: null });
        patient.on('error', () => undefined);
        const shared = new RedisInbox({
          ...optionsFor(server, errors),
          redis: patient,
          acceptTimeoutMs: 300,
        });
        const late = await shared.accept([messageEvent('bob', 1)]).then(
          () => undefined,
          (error: unknown) => error,
        );
        assert.ok(late instanceof RedisAcceptError && late.reason === 'timeout', String(late));
        await shared.stop();
        patient.disconnect();
        await server.restart();
        await acceptLikeMeta(receiver, [messageEvent('ann', 2)]);
        const log = await waitForEnds(redis, 2);
        assertDelivered(log, new Map([[conversationOf('ann'), 2]]));
        for (const error of errors) assert.ok(!error.message.includes(password), error.message);
      } finally {
        await Promise.all(open.map((i) => i.stop()));
        open = [];
        await redis.quit();
        await server.stop();
      }
    });
  });

  describe('stop while Redis is down', () => {
    it('resolves (handlers finish, leases lapse) and reports the failed calls instead of hanging', async () => {
      const server = await startRedis();
      try {
        const worker = new RedisInbox({ ...optionsFor(server, errors), workerId: 'w' });
        let release: () => void = () => undefined;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let started = false;
        let finished = false;
        worker.start(async () => {
          started = true;
          await gate;
          finished = true;
        });
        await worker.accept([messageEvent('ann', 1)]);
        await waitFor(() => started);
        await server.kill();
        const stopped = worker.stop();
        release();
        await stopped;
        assert.equal(finished, true);
        assert.ok(errors.length > 0, 'the failed Redis calls were reported');
      } finally {
        await server.stop();
      }
    });
  });

  describe('a wrong password', () => {
    it('accept rejects, and neither the error nor its cause carries the password', async () => {
      const server = await startRedis({ password: 'the-right-one' });
      try {
        const url = `redis://:wrong-pass-123@127.0.0.1:${server.port}`;
        const receiver = new RedisInbox({ ...optionsFor(server, errors), redis: url, acceptTimeoutMs: 1000 });
        open.push(receiver);
        const refused = await receiver.accept([messageEvent('ann', 1)]).then(
          () => undefined,
          (error: unknown) => error,
        );
        assert.ok(refused instanceof RedisAcceptError, String(refused));
        const cause = refused.cause as Record<string, unknown> | undefined;
        assert.equal(cause?.command, undefined, 'no command arguments in the cause');
        const texts = [refused.message, refused.stack, String(cause), cause?.stack].join(' ');
        assert.ok(!texts.includes('wrong-pass-123'), texts);
      } finally {
        await Promise.all(open.map((i) => i.stop()));
        open = [];
        await server.stop();
      }
    });
  });

  describe('bounded memory and fencing', () => {
    const db = useRedis();

    afterEach(async () => {
      await db.redis.flushall();
    });

    it('trims acknowledged entries: the streams stay small after many events', async function () {
      this.timeout(60_000);
      const options = { ...optionsFor(db.server, errors), claimIdleMs: 2000 };
      const receiver = new RedisInbox(options);
      const workers = ['w1', 'w2'].map((id) => new RedisInbox({ ...options, workerId: id }));
      open.push(receiver, ...workers);
      let handled = 0;
      for (const w of workers)
        w.start(async () => {
          handled += 1;
        });
      const users = usersCovering(PARTITIONS, 10);
      const rounds = Math.ceil(3000 / users.length);
      for (let n = 1; n <= rounds; n++) await receiver.accept(users.map((u) => messageEvent(u, n)));
      await waitFor(() => handled === users.length * rounds);
      const streams = Array.from({ length: PARTITIONS }, (_, p) => `mrx:{mrx:${p}}:stream`);
      // Trimming removes whole stream nodes (100 entries each by default), so up to about one node stays.
      await waitFor(async () =>
        (await Promise.all(streams.map((s) => db.redis.xlen(s)))).every((n) => n <= 100),
      );
      assert.deepEqual(errors, []);
    });

    it('with maxLength, refuses a batch for a full partition (reason full) and drops nothing', async () => {
      const receiver = new RedisInbox({ ...optionsFor(db.server, errors), maxLength: 10 });
      open.push(receiver);
      const events = Array.from({ length: 10 }, (_, i) => messageEvent('ann', i + 1));
      await receiver.accept(events);
      const refused = await receiver.accept([messageEvent('ann', 11)]).then(
        () => undefined,
        (error: unknown) => error,
      );
      assert.ok(refused instanceof RedisAcceptError && refused.reason === 'full', String(refused));
      const worker = new RedisInbox({ ...optionsFor(db.server, errors), workerId: 'w' });
      open.push(worker);
      worker.start(loggingHandler(db.redis, 'w'));
      await waitForEnds(db.redis, 10);
      // Once the worker caught up and trimmed, the redelivery is taken.
      await acceptLikeMeta(receiver, [messageEvent('ann', 11)]);
      const log = await waitForEnds(db.redis, 11);
      assertDelivered(log, new Map([[conversationOf('ann'), 11]]));
    });

    it('never trims an unacknowledged entry', async () => {
      const receiver = new RedisInbox(optionsFor(db.server, errors));
      const worker = new RedisInbox({ ...optionsFor(db.server, errors), workerId: 'w' });
      open.push(receiver, worker);
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let ran = 0;
      worker.start(async () => {
        ran += 1;
        await gate;
      });
      const events = Array.from({ length: 300 }, (_, i) => messageEvent('ann', i + 1));
      await receiver.accept(events);
      await waitFor(() => ran === 1);
      const p = partitionOf(conversationOf('ann'), PARTITIONS);
      const keys = [`mrx:{mrx:${p}}:lease`, `mrx:{mrx:${p}}:stream`];
      const token = (await db.redis.get(keys[0]!)) ?? '';
      assert.equal(await TRIM.run(db.redis, keys, [token]), 0);
      assert.equal(await db.redis.xlen(keys[1]!), 300);
      release();
      await waitFor(() => ran === 300);
      await waitFor(async () => (await db.redis.xlen(keys[1]!)) <= 100);
    });

    it('a worker that lost its lease mid-handler starts nothing more, cannot acknowledge, and the event runs again', async () => {
      const receiver = new RedisInbox(optionsFor(db.server, errors));
      const worker = new RedisInbox({ ...optionsFor(db.server, errors), workerId: 'w' });
      open.push(receiver, worker);
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const runs: number[] = [];
      worker.start(async (event) => {
        const n = Number(event.type === 'message' ? event.message.text : 0);
        runs.push(n);
        if (runs.length === 1) await gate;
      });
      await receiver.accept([messageEvent('ann', 1), messageEvent('ann', 2)]);
      await waitFor(() => runs.length === 1);
      const p = partitionOf(conversationOf('ann'), PARTITIONS);
      const lease = `mrx:{mrx:${p}}:lease`;
      // Another owner takes the lease (as after a network partition outlasting it).
      await db.redis.set(lease, 'intruder#1', 'PX', 60_000);
      await waitFor(() => errors.some((e) => e instanceof RedisLeaseLostError && e.partition === p));
      release();
      await waitFor(async () => !worker.heldPartitions().includes(p));
      assert.deepEqual(runs, [1], 'event 2 did not start after the lease was lost');
      assert.equal(((await db.redis.xpending(`mrx:{mrx:${p}}:stream`, 'workers')) as [number])[0], 2);
      // The intruder goes away: the worker takes the partition again and re-runs the unacknowledged event first.
      await db.redis.del(lease);
      await waitFor(() => runs.length === 3);
      assert.deepEqual(runs, [1, 1, 2]);
    });
  });
});
