/**
 * A 64-bit fingerprint of a string, as two unsigned 32-bit lanes `hi` and `lo`, for remembering keys without
 * keeping them. Fast and non-cryptographic: fine for keys nobody chose to collide (e.g. Meta's message ids),
 * not for keys an attacker picks. `of` overwrites the fields and returns the same object, so hashing
 * allocates nothing; read `hi` and `lo` before the next call.
 */
export class Fingerprint64 {
  /** The high 32 bits of the last fingerprint, as an unsigned integer. */
  hi = 0;
  /** The low 32 bits of the last fingerprint, as an unsigned integer; well mixed, so usable as a table hash. */
  lo = 0;

  /**
   * Hashes the UTF-16 code units of `key`. Two lanes multiply in each code unit with different constants
   * (cyrb53-style, with `Math.imul`) and stir each other after every unit, so all 64 bits of state are used
   * rather than two loosely related 32-bit hashes; each step is a bijection of the state, so keys of the same
   * length differing in a single code unit never collide. A final avalanche spreads every bit over both lanes.
   */
  of(key: string): this {
    let a = 0xdeadbeef;
    let b = 0x41c6ce57;
    for (let i = 0; i < key.length; i += 1) {
      const c = key.charCodeAt(i);
      a = Math.imul(a ^ c, 0x9e3779b1);
      b = Math.imul(b ^ c, 0x85ebca77);
      a ^= (b << 13) | (b >>> 19);
      b ^= (a << 7) | (a >>> 25);
    }
    a ^= key.length;
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    a ^= Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
    b = Math.imul(b ^ (b >>> 16), 0x85ebca6b);
    b ^= Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
    this.hi = b >>> 0;
    this.lo = a >>> 0;
    return this;
  }
}
