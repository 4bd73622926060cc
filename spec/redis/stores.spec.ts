import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { RedisDedupStore, RedisSessionDecodeError, RedisSessionStorage } from '../../lib/redis/index.js';
import { useRedis } from '../support/redis.js';

describe('Redis stores', () => {
  const db = useRedis();

  describe('RedisDedupStore', () => {
    it('answers false the first time and true afterwards, across stores sharing one Redis', async () => {
      const a = new RedisDedupStore({ redis: db.redis });
      const b = new RedisDedupStore({ redis: db.redis });
      assert.equal(await a.seen('m1', 60_000), false);
      assert.equal(await b.seen('m1', 60_000), true);
      assert.equal(await a.seen('m2', 60_000), false);
    });

    it('is atomic: of 50 concurrent seen() of one key on 5 connections, exactly one answers false', async () => {
      const clients = Array.from({ length: 5 }, () => new Redis(db.server.url));
      try {
        const stores = clients.map((c) => new RedisDedupStore({ redis: c }));
        const answers = await Promise.all(
          Array.from({ length: 50 }, (_, i) => stores[i % stores.length]!.seen('race', 60_000)),
        );
        assert.equal(answers.filter((seen) => !seen).length, 1);
      } finally {
        await Promise.all(clients.map((c) => c.quit()));
      }
    });

    it('keeps keys under its prefix with the ttl as their expiry', async () => {
      const store = new RedisDedupStore({ redis: db.redis, prefix: 'app:d:' });
      await store.seen('k', 30_000);
      const ttl = await db.redis.pttl('app:d:k');
      assert.ok(ttl > 0 && ttl <= 30_000, `pttl ${ttl}`);
    });

    it('forgets a key once its ttl expired', async () => {
      const store = new RedisDedupStore({ redis: db.redis });
      assert.equal(await store.seen('short', 1), false);
      while ((await db.redis.exists('mrx:dedup:short')) === 1) await new Promise((r) => setTimeout(r, 5));
      assert.equal(await store.seen('short', 60_000), false);
    });
  });

  describe('RedisSessionStorage', () => {
    interface Session {
      step: string;
      count: number;
      tags: string[];
    }

    it('round-trips JSON values and answers undefined for a missing key', async () => {
      const storage = new RedisSessionStorage<Session>({ redis: db.redis });
      assert.equal(await storage.read('messenger:p:u'), undefined);
      await storage.write('messenger:p:u', { step: 'ask', count: 2, tags: ['a'] });
      assert.deepEqual(await storage.read('messenger:p:u'), { step: 'ask', count: 2, tags: ['a'] });
      await storage.write('messenger:p:u', { step: 'done', count: 3, tags: [] });
      assert.deepEqual(await storage.read('messenger:p:u'), { step: 'done', count: 3, tags: [] });
    });

    it('deletes a session', async () => {
      const storage = new RedisSessionStorage<Session>({ redis: db.redis, prefix: 's:' });
      await storage.write('k', { step: 'x', count: 0, tags: [] });
      assert.equal(await db.redis.exists('s:k'), 1);
      await storage.delete('k');
      assert.equal(await storage.read('k'), undefined);
      await storage.delete('k');
    });

    it('sets the TTL on every write when one is given, and none otherwise', async () => {
      const withTtl = new RedisSessionStorage<Session>({ redis: db.redis, prefix: 't:', ttlMs: 50_000 });
      await withTtl.write('k', { step: 'x', count: 0, tags: [] });
      const ttl = await db.redis.pttl('t:k');
      assert.ok(ttl > 0 && ttl <= 50_000, `pttl ${ttl}`);
      const forever = new RedisSessionStorage<Session>({ redis: db.redis, prefix: 'f:' });
      await forever.write('k', { step: 'x', count: 0, tags: [] });
      assert.equal(await db.redis.pttl('f:k'), -1);
    });

    it('forgets a session once its TTL expired', async () => {
      const storage = new RedisSessionStorage<Session>({ redis: db.redis, prefix: 'e:', ttlMs: 1 });
      await storage.write('k', { step: 'x', count: 0, tags: [] });
      while ((await db.redis.exists('e:k')) === 1) await new Promise((r) => setTimeout(r, 5));
      assert.equal(await storage.read('k'), undefined);
    });

    it('reports a value that is not JSON with its key and without the value', async () => {
      await db.redis.set('mrx:session:bad', 'secret-not-json{');
      const storage = new RedisSessionStorage<Session>({ redis: db.redis });
      await assert.rejects(storage.read('bad'), (error: unknown) => {
        assert.ok(error instanceof RedisSessionDecodeError);
        assert.equal(error.key, 'bad');
        assert.ok(!error.message.includes('secret-not-json'));
        return true;
      });
    });
  });
});
