import assert from 'node:assert/strict';
import type { WebhookEvent } from '../../lib/events/index.js';
import {
  RedisHandlerError,
  RedisInbox,
  RedisInboxStateError,
  RedisPoisonEntryError,
  partitionOf,
  type RedisInboxError,
  type RedisInboxOptions,
} from '../../lib/redis/index.js';
import { useRedis } from '../support/redis.js';
import {
  assertDelivered,
  conversationOf,
  loggingHandler,
  messageEvent,
  readLog,
  sleep,
  textOf,
  usersCovering,
  waitFor,
  waitForEnds,
} from './helpers.js';

const PARTITIONS = 8;

describe('RedisInbox', () => {
  const db = useRedis();
  let open: RedisInbox[] = [];
  let errors: RedisInboxError[] = [];

  /** A new inbox on its own connection, stopped after the spec. */
  function inbox(options: Partial<RedisInboxOptions> = {}): RedisInbox {
    const created = new RedisInbox({
      redis: db.server.url,
      partitions: PARTITIONS,
      // Long enough that a loaded machine does not lose leases (nothing here waits for one to expire).
      claimIdleMs: 2000,
      blockMs: 200,
      errors: (error) => errors.push(error),
      ...options,
    });
    open.push(created);
    return created;
  }

  /** Waits until the started workers together hold every partition, each at least one. */
  async function balanced(workers: readonly RedisInbox[]): Promise<void> {
    await waitFor(() => {
      const held = workers.map((w) => w.heldPartitions());
      return (
        held.flat().length === PARTITIONS &&
        held.every((h) => h.length >= Math.floor(PARTITIONS / workers.length))
      );
    });
  }

  afterEach(async () => {
    await Promise.all(open.map((i) => i.stop()));
    open = [];
    errors = [];
    await db.redis.flushall();
  });

  it('runs interleaved conversations on 3 workers: each exactly once, in order, never two at once, spread', async () => {
    const workers = ['w1', 'w2', 'w3'].map((id) => inbox({ workerId: id }));
    for (const w of workers) w.start(loggingHandler(db.redis, w.workerId));
    await balanced(workers);
    const receiver = inbox();
    const users = usersCovering(PARTITIONS, 3);
    const rounds = 8;
    for (let n = 1; n <= rounds; n++) await receiver.accept(users.map((u) => messageEvent(u, n)));
    const log = await waitForEnds(db.redis, users.length * rounds);
    assertDelivered(log, new Map(users.map((u) => [conversationOf(u), rounds])));
    const byWorker = new Set(log.map((r) => r.w));
    assert.deepEqual([...byWorker].sort(), ['w1', 'w2', 'w3'], 'every worker ran events');
    assert.deepEqual(errors, []);
  });

  it('keeps order and exactly once while workers join and leave (stop) under load', async () => {
    const receiver = inbox();
    const users = usersCovering(PARTITIONS, 2);
    const first = inbox({ workerId: 'a' });
    first.start(loggingHandler(db.redis, 'a'));
    const rounds = 30;
    const joiners: RedisInbox[] = [];
    for (let n = 1; n <= rounds; n++) {
      await receiver.accept(users.map((u) => messageEvent(u, n)));
      if (n === 5 || n === 10) {
        const joiner = inbox({ workerId: n === 5 ? 'b' : 'c' });
        joiner.start(loggingHandler(db.redis, joiner.workerId));
        joiners.push(joiner);
      }
      if (n === 20) await first.stop();
      await sleep(15);
    }
    const log = await waitForEnds(db.redis, users.length * rounds);
    assertDelivered(log, new Map(users.map((u) => [conversationOf(u), rounds])));
    assert.ok(new Set(log.map((r) => r.w)).size >= 2, 'the work moved between workers');
    assert.deepEqual(errors, []);
  });

  it('appends a redelivered event once (dedup at the door), also when both arrive at once', async () => {
    const receiver = inbox();
    const batch = [messageEvent('ann', 1), messageEvent('bob', 1)];
    await Promise.all([receiver.accept(batch), receiver.accept(batch)]);
    await receiver.accept(batch);
    const worker = inbox({ workerId: 'w' });
    worker.start(loggingHandler(db.redis, 'w'));
    await receiver.accept([messageEvent('ann', 2)]);
    const log = await waitForEnds(db.redis, 3);
    assertDelivered(
      log,
      new Map([
        [conversationOf('ann'), 2],
        [conversationOf('bob'), 1],
      ]),
    );
  });

  it('appends a redelivery again when dedup is off', async () => {
    const receiver = inbox({ dedup: false });
    await receiver.accept([messageEvent('ann', 1)]);
    await receiver.accept([messageEvent('ann', 1)]);
    const keys = await db.redis.keys('mrx:*:stream');
    const lengths = await Promise.all(keys.map((k) => db.redis.xlen(k)));
    assert.equal(
      lengths.reduce((a, b) => a + b, 0),
      2,
    );
  });

  it('skips and reports an entry that is not an event, and acknowledges a rejected handler, without blocking', async () => {
    const receiver = inbox();
    await receiver.accept([messageEvent('ann', 1)]);
    const p = partitionOf(conversationOf('ann'), PARTITIONS);
    await db.redis.xadd(`mrx:{mrx:${p}}:stream`, '*', 'c', conversationOf('ann'), 'e', '{not json');
    await receiver.accept([messageEvent('ann', 2), messageEvent('ann', 3, 'boom')]);
    await receiver.accept([messageEvent('ann', 4)]);
    const seen: string[] = [];
    const worker = inbox();
    worker.start(async (event: WebhookEvent) => {
      seen.push(textOf(event));
      if (textOf(event) === 'boom') throw new Error('handler failed');
    });
    await waitFor(() => seen.length === 4);
    assert.deepEqual(seen, ['1', '2', 'boom', '4']);
    await waitFor(() => errors.length >= 2);
    assert.ok(errors.some((e) => e instanceof RedisPoisonEntryError && e.partition === p));
    assert.ok(errors.some((e) => e instanceof RedisHandlerError && e.conversation === conversationOf('ann')));
    // The README: no error message carries event content (neither the poison entry's text nor the event's).
    for (const e of errors) assert.ok(!/not json|boom/.test(e.message), e.message);
    const pendingCount = async (): Promise<number> =>
      ((await db.redis.xpending(`mrx:{mrx:${p}}:stream`, 'workers')) as [number])[0];
    await waitFor(async () => (await pendingCount()) === 0);
    assert.equal(await pendingCount(), 0, 'the poison entry and the rejected event are acknowledged');
  });

  it('stop() lets a running handler finish (renewing its lease meanwhile), acknowledges it, frees the leases and refuses later use', async () => {
    const receiver = inbox();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    let finished = false;
    const worker = inbox({ workerId: 'w' });
    worker.start(async () => {
      started = true;
      await gate;
      finished = true;
    });
    await receiver.accept([messageEvent('ann', 1)]);
    await waitFor(() => started);
    const lease = `mrx:{mrx:${partitionOf(conversationOf('ann'), PARTITIONS)}}:lease`;
    let previous = await db.redis.pttl(lease);
    const stopping = worker.stop();
    // While it drains, the worker keeps renewing the lease of the partition whose handler still runs: its TTL
    // goes up again between two reads.
    await waitFor(async () => {
      const now = await db.redis.pttl(lease);
      const renewed = now > previous;
      previous = now;
      return renewed;
    });
    assert.equal(finished, false);
    release();
    await stopping;
    assert.deepEqual(errors, []);
    assert.equal(finished, true);
    assert.deepEqual(await db.redis.keys('mrx:*:lease'), []);
    const p = partitionOf(conversationOf('ann'), PARTITIONS);
    assert.equal(((await db.redis.xpending(`mrx:{mrx:${p}}:stream`, 'workers')) as [number])[0], 0);
    assert.equal(await db.redis.zcard('mrx:workers'), 0);
    await assert.rejects(worker.accept([messageEvent('ann', 2)]), RedisInboxStateError);
    assert.throws(() => worker.start(async () => undefined), RedisInboxStateError);
    assert.deepEqual(await readLog(db.redis), []);
  });
});
