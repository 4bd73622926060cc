import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as redisEntry from '../../lib/redis/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every .ts file under a directory. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('messenger-rx/redis entry point', () => {
  it('is exported as ./redis, and nothing outside lib/redis imports it or ioredis', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      exports: Record<string, { types: string; default: string }>;
    };
    assert.deepEqual(pkg.exports['./redis'], {
      types: './dist/redis/index.d.ts',
      default: './dist/redis/index.js',
    });
    const offenders = sources(join(root, 'lib'))
      .filter((file) => !relative(join(root, 'lib'), file).startsWith('redis'))
      .filter((file) =>
        /from '(ioredis|[./]+redis\/[^']*)'|import\('ioredis'\)/.test(readFileSync(file, 'utf8')),
      );
    assert.deepEqual(offenders, []);
  });

  it('exports the stores, the inbox, partitionOf and the error classes', () => {
    for (const name of [
      'RedisInbox',
      'RedisDedupStore',
      'RedisSessionStorage',
      'partitionOf',
      'RedisAcceptError',
      'RedisInboxError',
      'RedisLeaseLostError',
      'RedisPoisonEntryError',
    ]) {
      assert.equal(typeof (redisEntry as Record<string, unknown>)[name], 'function', name);
    }
  });

  it('partitionOf is stable and spreads conversations over the partitions', () => {
    assert.equal(redisEntry.partitionOf('messenger:1:2', 16), redisEntry.partitionOf('messenger:1:2', 16));
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 1600; i++) counts[redisEntry.partitionOf(`messenger:PAGE:${i}`, 16)]! += 1;
    assert.ok(
      counts.every((c) => c > 50),
      counts.join(','),
    );
  });
});
