import assert from 'node:assert/strict';
import { from, lastValueFrom, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { MemoryDedupStore, type DedupStore } from '../../lib/delivery/dedup.js';
import { dedupe } from '../../lib/delivery/dedupe.js';

interface Item {
  key: string;
  id: string;
}

describe('MemoryDedupStore', () => {
  it('answers false the first time and true for the same key within the ttl', () => {
    let now = 1000;
    const store = new MemoryDedupStore({ now: () => now });
    assert.equal(store.seen('m1', 100), false);
    now = 1099;
    assert.equal(store.seen('m1', 100), true);
  });

  it('forgets a key after the ttl, so the same key is new again', () => {
    let now = 1000;
    const store = new MemoryDedupStore({ now: () => now });
    store.seen('m1', 100);
    now = 1100;
    assert.equal(store.seen('m1', 100), false);
  });

  it('keeps at most maxSize keys, forgetting the oldest first', () => {
    const store = new MemoryDedupStore({ maxSize: 3, now: () => 0 });
    for (const key of ['a', 'b', 'c', 'd']) store.seen(key, 1000);
    assert.equal(store.size, 3);
    assert.equal(store.seen('a', 1000), false, 'a was evicted');
    assert.equal(store.seen('d', 1000), true);
  });

  it('sweeps expired keys so the size follows the traffic of the window', () => {
    let now = 0;
    const store = new MemoryDedupStore({ now: () => now });
    for (let n = 0; n < 1000; n += 1) store.seen(`k${n}`, 10);
    now = 20;
    store.seen('fresh', 10);
    assert.equal(store.size, 1);
  });

  it('never mistakes one of 300,000 distinct keys for another, and remembers the newest maxSize', () => {
    const store = new MemoryDedupStore({ maxSize: 100_000, now: () => 0 });
    const key = (n: number): string => `message:messenger:m_AG5Hz2Uq7tuwQa9-${n}`;
    for (let n = 0; n < 300_000; n += 1) if (store.seen(key(n), 1000)) assert.fail(`key ${n} seen`);
    assert.equal(store.size, 100_000);
    for (let n = 200_000; n < 300_000; n += 1)
      if (!store.seen(key(n), 1000)) assert.fail(`key ${n} forgotten`);
    assert.equal(store.seen(key(199_999), 1000), false, 'the newest key forgotten is new again');
  });

  it('reports a key marked again within the ttl, without extending its ttl', () => {
    let now = 0;
    const store = new MemoryDedupStore({ now: () => now });
    for (let n = 0; n < 5000; n += 1) store.seen(`m${n}`, 100);
    now = 99;
    for (let n = 0; n < 5000; n += 1) assert.equal(store.seen(`m${n}`, 100), true);
    now = 100;
    assert.equal(store.seen('m0', 100), false, 'the ttl runs from the first mark');
  });

  it('forgets the oldest first across growth and a wrapped-around ring', () => {
    let now = 0;
    const store = new MemoryDedupStore({ maxSize: 1500, now: () => now });
    // 1000 short-lived keys, then once they expire 2000 more: the new keys start in the middle of the ring,
    // wrap around it, outgrow it and then push out the oldest.
    for (let n = 0; n < 1000; n += 1) store.seen(`old${n}`, 10);
    now = 20;
    for (let n = 0; n < 2000; n += 1) assert.equal(store.seen(`new${n}`, 1000), false);
    assert.equal(store.size, 1500);
    for (let n = 500; n < 2000; n += 1) assert.equal(store.seen(`new${n}`, 1000), true, `new${n}`);
    assert.equal(store.seen('new499', 1000), false, 'new499 was forgotten');
    assert.equal(store.seen('new501', 1000), true, 'new500 went to make room, then new501 is the oldest');
    assert.equal(store.seen('new500', 1000), false);
    assert.equal(store.seen('new501', 1000), false);
    assert.equal(store.seen('old0', 1000), false);
  });

  it('sweeps keys as they expire, oldest first, so the size drops', () => {
    let now = 0;
    const store = new MemoryDedupStore({ now: () => now });
    for (let n = 0; n < 10; n += 1) store.seen(`a${n}`, 10);
    now = 5;
    for (let n = 0; n < 10; n += 1) store.seen(`b${n}`, 10);
    now = 12;
    store.seen('c', 10);
    assert.equal(store.size, 11, 'the a keys expired at 10');
    now = 20;
    store.seen('d', 10);
    assert.equal(store.size, 2, 'the b keys expired at 15');
    now = 100;
    store.seen('e', 10);
    assert.equal(store.size, 1);
  });

  it('counts a key forgotten to make room as new when it comes back', () => {
    const store = new MemoryDedupStore({ maxSize: 2, now: () => 0 });
    for (const key of ['a', 'b', 'c']) store.seen(key, 1000);
    assert.equal(store.seen('a', 1000), false, 'a was forgotten for c');
    assert.equal(store.seen('a', 1000), true, 'and is remembered again');
    assert.equal(store.seen('c', 1000), true);
    assert.equal(store.seen('b', 1000), false, 'b went to make room for a');
  });

  it('tells apart keys that differ in one character or only in the order of their characters', () => {
    const store = new MemoryDedupStore({ now: () => 0 });
    const mid = 'message:messenger:m_AG5Hz2Uq7tuwQa9';
    const keys = new Set<string>([mid, `${mid}a`, mid.slice(0, -1), '', 'ab', 'ba']);
    for (let at = 0; at < mid.length; at += 1) keys.add(`${mid.slice(0, at)}_${mid.slice(at + 1)}`);
    const permutations = (chars: string): string[] =>
      chars.length <= 1
        ? [chars]
        : [...chars].flatMap((c, at) =>
            permutations(chars.slice(0, at) + chars.slice(at + 1)).map((p) => c + p),
          );
    for (const key of permutations('abcdefg')) keys.add(key);
    for (const key of keys) assert.equal(store.seen(key, 1000), false, JSON.stringify(key));
    for (const key of keys) assert.equal(store.seen(key, 1000), true, JSON.stringify(key));
    assert.equal(store.size, keys.size);
  });

  it('handles non-ASCII keys (emoji, CJK)', () => {
    const store = new MemoryDedupStore({ now: () => 0 });
    const keys = [
      'message:messenger:👍',
      'message:messenger:👎',
      'message:messenger:你好',
      'message:messenger:好你',
    ];
    for (const key of keys) assert.equal(store.seen(key, 1000), false, key);
    for (const key of keys) assert.equal(store.seen(key, 1000), true, key);
    assert.equal(store.seen('message:messenger:\ud83d', 1000), false, 'half a surrogate pair is another key');
  });

  it('answers exactly like a Map in insertion order, with varying ttls, a moving clock and a small bound', () => {
    /** The reference: the Map-based store, as it was written before fingerprints. */
    class MapDedupStore {
      readonly keys = new Map<string, number>();
      constructor(private readonly maxSize: number) {}
      seen(key: string, ttlMs: number, now: number): boolean {
        for (const [k, expiresAt] of this.keys) {
          if (expiresAt > now) break;
          this.keys.delete(k);
        }
        const expiresAt = this.keys.get(key);
        if (expiresAt !== undefined && expiresAt > now) return true;
        this.keys.delete(key);
        this.keys.set(key, now + ttlMs);
        while (this.keys.size > this.maxSize) this.keys.delete(this.keys.keys().next().value as string);
        return false;
      }
    }
    let seed = 42;
    const random = (below: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % below;
    };
    // Small bounds evict all the time; larger ones also grow the ring, past maxSize when slots are dead.
    for (const maxSize of [1, 7, 1500, 2500]) {
      let now = 0;
      const store = new MemoryDedupStore({ maxSize, now: () => now });
      const model = new MapDedupStore(maxSize);
      for (let op = 0; op < 50_000; op += 1) {
        now += random(maxSize < 100 ? 4 : 12) === 0 ? 1 : 0;
        // Mostly a long ttl, sometimes a short one, so expired keys sit behind live ones and are marked again.
        const ttl = random(3) === 0 ? 5 : 200;
        const key = `k${random(maxSize * 2)}`;
        const expected = model.seen(key, ttl, now);
        if (store.seen(key, ttl) !== expected) assert.fail(`op ${op}: ${key} should be ${expected}`);
        if (store.size !== model.keys.size)
          assert.fail(`op ${op}: size ${store.size}, not ${model.keys.size}`);
      }
    }
  });
});

describe('dedupe', () => {
  it('drops a value whose key was already seen (marble)', () => {
    new TestScheduler((a, e) => assert.deepEqual(a, e)).run(({ hot, expectObservable }) => {
      const store = new MemoryDedupStore();
      const source = hot<Item>('a-b-a-c|', {
        a: { key: 'x', id: 'm1' },
        b: { key: 'x', id: 'm2' },
        c: { key: 'y', id: 'm1' },
      });
      const out = source.pipe(dedupe({ store, ttlMs: 60_000, keyOf: (i) => i.id, orderKeyOf: (i) => i.key }));
      expectObservable(out).toBe('a-b----|', { a: { key: 'x', id: 'm1' }, b: { key: 'x', id: 'm2' } });
    });
  });

  it('keeps the arrival order per order key with an asynchronous store answering out of order', async () => {
    const delays: Record<string, number> = { m1: 30, m2: 1, m3: 10 };
    const known = new Set<string>();
    const store: DedupStore = {
      seen: (key) =>
        new Promise((resolve) =>
          setTimeout(() => {
            const was = known.has(key);
            known.add(key);
            resolve(was);
          }, delays[key] ?? 0),
        ),
    };
    const items = ['m1', 'm2', 'm1', 'm3'].map((id) => ({ key: 'x', id }));
    const out = await lastValueFrom(
      from(items).pipe(
        dedupe({ store, ttlMs: 1000, keyOf: (i) => i.id, orderKeyOf: (i) => i.key }),
        toArray(),
      ),
    );
    assert.deepEqual(
      out.map((i) => i.id),
      ['m1', 'm2', 'm3'],
    );
  });

  it('lets a value through and reports the failure when the store fails (fail-open)', async () => {
    const failures: unknown[] = [];
    const store: DedupStore = { seen: () => Promise.reject(new Error('store down')) };
    const out = await lastValueFrom(
      from([{ key: 'x', id: 'm1' }]).pipe(
        dedupe({
          store,
          ttlMs: 1000,
          keyOf: (i) => i.id,
          orderKeyOf: (i) => i.key,
          onStoreError: (e) => failures.push(e),
        }),
        toArray(),
      ),
    );
    assert.equal(out.length, 1);
    assert.equal(failures.length, 1);
  });
});
