import assert from 'node:assert/strict';
import { from, lastValueFrom, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { MemoryDedupStore, type DedupStore } from '../../lib/bot/dedup.js';
import { dedupe } from '../../lib/bot/dedupe.js';

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
