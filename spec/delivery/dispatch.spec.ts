import assert from 'node:assert/strict';
import type { Observable } from 'rxjs';
import { map, of, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { DispatchProbe, dispatchByKey, type Outcome } from '../../lib/delivery/dispatch.js';

interface Item {
  key: string;
  id: string;
}

const item = (key: string, id: string): Item => ({ key, id });

function scheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => assert.deepEqual(actual, expected));
}

/** Marble values: the ids of the finished items, `!` suffix for failures. */
const label = (outcome: Outcome<Item>): string => (outcome.ok ? outcome.value.id : `${outcome.value.id}!`);

describe('dispatchByKey (marble)', () => {
  it('runs one key at a time in arrival order and different keys concurrently', () => {
    scheduler().run(({ hot, cold, expectObservable }) => {
      const source = hot<Item>('a-b-c|', { a: item('x', 'x1'), b: item('x', 'x2'), c: item('y', 'y1') });
      const work = () => cold('---|');
      // x1 runs 0-3, x2 waits for it and runs 3-6; y1 starts at 4 while x2 still runs.
      const out = source.pipe(dispatchByKey({ keyOf: (i) => i.key, work }), map(label));
      expectObservable(out).toBe('---a--b(c|)', { a: 'x1', b: 'x2', c: 'y1' });
    });
  });

  it('caps the keys worked on at once and serves the waiting keys in arrival order', () => {
    scheduler().run(({ hot, cold, expectObservable }) => {
      const source = hot<Item>('(abc|)', { a: item('x', 'x1'), b: item('y', 'y1'), c: item('z', 'z1') });
      const work = () => cold('-----|');
      const out = source.pipe(dispatchByKey({ keyOf: (i) => i.key, work, concurrency: 2 }), map(label));
      expectObservable(out).toBe('-----(ab)-(c|)', { a: 'x1', b: 'y1', c: 'z1' });
    });
  });

  it('round-robins between busy keys when the cap is reached', () => {
    scheduler().run(({ hot, cold, expectObservable }) => {
      const source = hot<Item>('(abc|)', { a: item('x', 'x1'), b: item('x', 'x2'), c: item('y', 'y1') });
      const work = () => cold('-|');
      const out = source.pipe(dispatchByKey({ keyOf: (i) => i.key, work, concurrency: 1 }), map(label));
      // x2 waits behind y1, which arrived while x1 was running.
      expectObservable(out).toBe('-ab(c|)', { a: 'x1', b: 'y1', c: 'x2' });
    });
  });

  it('turns a failing or throwing work into an outcome and keeps the stream going', () => {
    scheduler().run(({ hot, cold, expectObservable }) => {
      const source = hot<Item>('a-b-c|', { a: item('x', 'x1'), b: item('x', 'x2'), c: item('x', 'x3') });
      const work = (i: Item): Observable<unknown> => {
        if (i.id === 'x1') return cold('-#', undefined, new Error('boom'));
        if (i.id === 'x2') throw new Error('sync boom');
        return cold('-|');
      };
      const out = source.pipe(dispatchByKey({ keyOf: (i) => i.key, work }), map(label));
      expectObservable(out).toBe('-ab--(c|)', { a: 'x1!', b: 'x2!', c: 'x3' });
    });
  });

  it('completes only after the queues drain when the source completes early', () => {
    scheduler().run(({ hot, cold, expectObservable }) => {
      const source = hot<Item>('(ab|)', { a: item('x', 'x1'), b: item('x', 'x2') });
      const out = source.pipe(dispatchByKey({ keyOf: (i) => i.key, work: () => cold('---|') }), map(label));
      expectObservable(out).toBe('---a--(b|)', { a: 'x1', b: 'x2' });
    });
  });

  it('forgets a key as soon as its queue empties', () => {
    scheduler().run(({ hot, cold, expectObservable, flush }) => {
      const probe = new DispatchProbe();
      const source = hot<Item>('(ab)-c', { a: item('x', 'x1'), b: item('y', 'y1'), c: item('x', 'x2') });
      const out = source.pipe(
        dispatchByKey({ keyOf: (i) => i.key, work: () => cold('-|') }, probe),
        map(label),
      );
      expectObservable(out).toBe('-(ab)-c', { a: 'x1', b: 'y1', c: 'x2' });
      flush();
      assert.equal(probe.conversations, 0);
      assert.equal(probe.queued, 0);
      assert.equal(probe.running, 0);
    });
  });
});

describe('dispatchByKey (synchronous work)', () => {
  it('handles a long queue of synchronously completing work without growing the stack', () => {
    const probe = new DispatchProbe();
    const items = Array.from({ length: 50_000 }, (_, n) => item('same', String(n)));
    const seen: string[] = [];
    of(...items)
      .pipe(dispatchByKey({ keyOf: (i) => i.key, work: () => of(1) }, probe))
      .subscribe((o) => seen.push(o.value.id));
    assert.equal(seen.length, 50_000);
    assert.equal(seen[49_999], '49999');
    assert.equal(probe.conversations, 0);
  });

  it('reports a key function that throws as a failed outcome', () => {
    const outcomes: Outcome<Item>[] = [];
    of(item('x', 'x1'))
      .pipe(
        dispatchByKey({
          keyOf: () => {
            throw new Error('no key');
          },
          work: () => throwError(() => new Error('unreachable')),
        }),
      )
      .subscribe((o) => outcomes.push(o));
    assert.equal(outcomes.length, 1);
    assert.equal(outcomes[0]?.ok, false);
  });
});
