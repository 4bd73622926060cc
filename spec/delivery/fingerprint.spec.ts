import assert from 'node:assert/strict';
import { Fingerprint64 } from '../../lib/delivery/fingerprint.js';

/** The fingerprints of `count` keys, as two lanes. */
function lanesOf(count: number, keyOf: (n: number) => string): { hi: Uint32Array; lo: Uint32Array } {
  const fingerprint = new Fingerprint64();
  const hi = new Uint32Array(count);
  const lo = new Uint32Array(count);
  for (let n = 0; n < count; n += 1) {
    fingerprint.of(keyOf(n));
    hi[n] = fingerprint.hi;
    lo[n] = fingerprint.lo;
  }
  return { hi, lo };
}

/** How many values equal an earlier one. */
function repeats(values: Uint32Array): number {
  const sorted = values.slice().sort();
  let count = 0;
  for (let n = 1; n < sorted.length; n += 1) if (sorted[n] === sorted[n - 1]) count += 1;
  return count;
}

describe('Fingerprint64', () => {
  it('is deterministic, across calls and instances, with both lanes unsigned 32-bit integers', () => {
    const a = new Fingerprint64().of('message:messenger:m_AG5Hz2Uq7tuwQa9');
    const b = new Fingerprint64();
    b.of('something else');
    assert.equal(b.of('message:messenger:m_AG5Hz2Uq7tuwQa9'), b, 'of returns the same object');
    assert.deepEqual([b.hi, b.lo], [a.hi, a.lo]);
    for (const key of ['', 'a', '👍', 'message:messenger:m_AG5Hz2Uq7tuwQa9']) {
      const { hi, lo } = new Fingerprint64().of(key);
      for (const lane of [hi, lo])
        assert.ok(Number.isInteger(lane) && lane >= 0 && lane < 2 ** 32, `${lane}`);
    }
  });

  it('gives 1,000,000 sequential keys of the bench shape distinct 64-bit fingerprints, using both lanes', () => {
    const count = 1_000_000;
    const { hi, lo } = lanesOf(count, (n) => `message:messenger:m_bench-${n}`);
    // Each lane alone is a 32-bit hash: it repeats about count²/2³³ ≈ 116 times, like random values would.
    for (const lane of [hi, lo]) {
      const laneRepeats = repeats(lane);
      assert.ok(laneRepeats > 50 && laneRepeats < 200, `a lane repeats ${laneRepeats} times`);
    }
    // Together they never do: check the few keys whose low lanes repeat.
    const sortedLo = lo.slice().sort();
    const repeatedLo = new Set<number>();
    for (let n = 1; n < count; n += 1) if (sortedLo[n] === sortedLo[n - 1]) repeatedLo.add(sortedLo[n]!);
    const full = new Set<string>();
    let checked = 0;
    for (let n = 0; n < count; n += 1) {
      if (!repeatedLo.has(lo[n]!)) continue;
      const both = `${hi[n]}:${lo[n]}`;
      assert.ok(!full.has(both), `key ${n} collides`);
      full.add(both);
      checked += 1;
    }
    assert.ok(checked > 100, 'the check saw the keys whose low lanes repeat');
  });

  it('tells apart keys that differ in one code unit, in order, or in length', () => {
    const base = 'message:messenger:m_AG5Hz2Uq7tuwQa9';
    const keys = new Set<string>([
      base,
      `${base}\0`,
      base.slice(0, -1),
      '',
      '\0',
      'ab',
      'ba',
      '你好',
      '好你',
    ]);
    for (let at = 0; at < base.length; at += 1) {
      for (const c of ['a', 'b', '0', '\u00e9', '\ud83d'])
        keys.add(base.slice(0, at) + c + base.slice(at + 1));
    }
    const fingerprint = new Fingerprint64();
    const seen = new Map<string, string>();
    for (const key of keys) {
      fingerprint.of(key);
      const both = `${fingerprint.hi}:${fingerprint.lo}`;
      assert.equal(
        seen.get(both),
        undefined,
        `${JSON.stringify(key)} collides with ${JSON.stringify(seen.get(both))}`,
      );
      seen.set(both, key);
    }
  });
});
