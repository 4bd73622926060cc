import assert from 'node:assert/strict';
import { Cluster } from 'ioredis';
import {
  RedisDedupStore,
  RedisInbox,
  RedisSessionStorage,
  type RedisInboxError,
} from '../../lib/redis/index.js';
import { startRedisCluster, type RedisCluster } from '../support/redis.js';
import {
  assertDelivered,
  conversationOf,
  LOG,
  messageEvent,
  type LogRecord,
  usersCovering,
  waitFor,
} from './helpers.js';

const PARTITIONS = 6;

describe('messenger-rx/redis on a 3-node Redis Cluster', () => {
  let cluster: RedisCluster;
  const clients: Cluster[] = [];

  /** A Cluster client, closed after the specs. */
  function client(): Cluster {
    const created = new Cluster([...cluster.nodes]);
    clients.push(created);
    return created;
  }

  before(async function () {
    this.timeout(30_000);
    cluster = await startRedisCluster(3);
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.quit()));
    await cluster.stop();
  });

  it('spreads the partitions over the nodes and runs every event once, in order, on 2 workers', async () => {
    const errors: RedisInboxError[] = [];
    const options = {
      partitions: PARTITIONS,
      claimIdleMs: 2000,
      blockMs: 200,
      errors: (e: RedisInboxError) => errors.push(e),
    };
    const log = client();
    const receiver = new RedisInbox({ ...options, redis: client() });
    const workers = ['w1', 'w2'].map((id) => new RedisInbox({ ...options, redis: client(), workerId: id }));
    try {
      for (const w of workers) {
        w.start(async (event) => {
          const n = Number(event.type === 'message' ? event.message.text : 0);
          await log.rpush(LOG, JSON.stringify({ w: w.workerId, c: event.conversation, n, p: 's' }));
          await log.rpush(LOG, JSON.stringify({ w: w.workerId, c: event.conversation, n, p: 'e' }));
        });
      }
      const users = usersCovering(PARTITIONS, 2);
      for (let n = 1; n <= 5; n++) await receiver.accept(users.map((u) => messageEvent(u, n)));
      let records: LogRecord[] = [];
      await waitFor(async () => {
        records = (await log.lrange(LOG, 0, -1)).map((line) => JSON.parse(line) as LogRecord);
        return records.filter((r) => r.p === 'e').length >= users.length * 5;
      });
      assertDelivered(records, new Map(users.map((u) => [conversationOf(u), 5])));
      // The partitions' streams hash to several slots, held by different nodes.
      const sizes = await Promise.all(log.nodes('master').map((node) => node.dbsize()));
      assert.ok(sizes.filter((n) => n > 0).length >= 2, `keys per node: ${sizes.join(', ')}`);
      assert.deepEqual(errors, []);
    } finally {
      await Promise.all([receiver, ...workers].map((i) => i.stop()));
    }
  });

  it('RedisDedupStore and RedisSessionStorage work on the cluster', async () => {
    const redis = client();
    const dedup = new RedisDedupStore({ redis });
    assert.deepEqual(
      await Promise.all([dedup.seen('k', 60_000), dedup.seen('k', 60_000)]).then((a) => a.sort()),
      [false, true],
    );
    const sessions = new RedisSessionStorage<{ step: number }>({ redis, ttlMs: 60_000 });
    await sessions.write('a', { step: 2 });
    assert.deepEqual(await sessions.read('a'), { step: 2 });
    await sessions.delete('a');
    assert.equal(await sessions.read('a'), undefined);
  });
});
