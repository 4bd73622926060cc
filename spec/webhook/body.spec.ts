import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { declaredTooLarge, readBody } from '../../lib/webhook/body.js';

/** A stream that produces `total` bytes lazily, one chunk per macrotask, and counts what it produced. */
function lazyStream(total: number, chunkBytes: number): { stream: Readable; produced: () => number } {
  let produced = 0;
  const stream = new Readable({
    read() {
      setImmediate(() => {
        if (produced >= total) {
          this.push(null);
          return;
        }
        const size = Math.min(chunkBytes, total - produced);
        produced += size;
        this.push(Buffer.alloc(size, 0x61));
      });
    },
  });
  return { stream, produced: () => produced };
}

describe('webhook body reading', () => {
  it('joins chunks as bytes, keeping a character split across chunks intact', async () => {
    const bytes = Buffer.from('{"t":"café"}', 'utf8');
    const cut = bytes.indexOf(0xc3) + 1;
    const stream = Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)], { objectMode: false });
    const read = await readBody(stream, 1000);
    assert.ok(read.kind === 'complete');
    assert.ok(read.body.equals(bytes));
    assert.equal(JSON.parse(read.body.toString('utf8')).t, 'café');
  });

  it('stops as soon as a 12 MB stream passes the limit instead of reading it all', async () => {
    const limit = 1024 * 1024;
    const chunk = 64 * 1024;
    const { stream, produced } = lazyStream(12 * 1024 * 1024, chunk);
    const read = await readBody(stream, limit);
    assert.equal(read.kind, 'too-large');
    assert.ok(produced() <= limit + 2 * chunk, `read ${produced()} bytes`);
    stream.destroy();
  });

  it('reports a stream that was already consumed', async () => {
    const stream = Readable.from([Buffer.from('{}')]);
    stream.resume();
    await new Promise((resolve) => stream.on('end', resolve));
    assert.equal((await readBody(stream, 100)).kind, 'consumed');
  });

  it('reports a stream that fails or closes early instead of hanging', async () => {
    const failing = new Readable({ read() {} });
    const failed = readBody(failing, 100);
    failing.destroy(new Error('aborted'));
    assert.equal((await failed).kind, 'failed');
  });

  it('refuses a declared Content-Length over the limit up front', () => {
    assert.equal(declaredTooLarge({ 'content-length': '101' }, 100), true);
    assert.equal(declaredTooLarge({ 'content-length': '100' }, 100), false);
    assert.equal(declaredTooLarge({ 'content-length': 'abc' }, 100), false);
    assert.equal(declaredTooLarge({}, 100), false);
  });
});
