import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TSC = fileURLToPath(import.meta.resolve('typescript/bin/tsc'));

interface PackFile {
  path: string;
}

/**
 * The package as published: a real build (tsconfig.build.json) into a staging copy of the package, packed with
 * `npm pack --dry-run --json`, and its bin run. The staging copy keeps the working tree's dist/ untouched.
 */
describe('the package as npm packs it', function () {
  this.timeout(180_000);
  let stage: string;
  let files: string[];

  before(async () => {
    stage = await mkdtemp(join(tmpdir(), 'messenger-rx-pack-'));
    for (const file of ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'tsconfig.build.json']) {
      await cp(join(ROOT, file), join(stage, file));
    }
    await cp(join(ROOT, 'lib'), join(stage, 'lib'), { recursive: true });
    await symlink(join(ROOT, 'node_modules'), join(stage, 'node_modules'), 'dir');
    await run(process.execPath, [TSC, '-p', 'tsconfig.build.json'], { cwd: stage });
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: stage,
      env: { ...process.env, npm_config_loglevel: 'silent' },
    });
    const [pack] = JSON.parse(stdout) as { files: PackFile[] }[];
    files = (pack?.files ?? []).map((f) => f.path).sort();
  });
  after(async () => {
    await rm(stage, { recursive: true, force: true });
  });

  it('ships the build, the playground page, the README, the MIT LICENSE and package.json, and nothing else', async () => {
    assert.ok(files.includes('LICENSE'));
    assert.ok(files.includes('README.md'));
    assert.ok(files.includes('package.json'));
    assert.deepEqual(
      files.filter(
        (f) =>
          !f.startsWith('dist/') &&
          !f.startsWith('lib/playground/assets/') &&
          !['LICENSE', 'README.md', 'package.json'].includes(f),
      ),
      [],
    );
    for (const entry of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/botkit/index.js',
      'dist/emulator/index.js',
      'dist/playground/index.js',
      'lib/playground/assets/index.html',
    ]) {
      assert.ok(files.includes(entry), entry);
    }
    const license = await readFile(join(ROOT, 'LICENSE'), 'utf8');
    assert.match(license, /^MIT License\n\nCopyright \(c\) 2026 the messenger-rx authors\n/);
  });

  it('ships no source map pointing at sources the tarball lacks', () => {
    assert.deepEqual(
      files.filter((f) => f.endsWith('.map')),
      [],
    );
  });

  it('ships the bin of package.json with a shebang, and it runs', async () => {
    const pkg = JSON.parse(await readFile(join(stage, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    const bin = pkg.bin['messenger-rx'] ?? '';
    assert.ok(files.includes(bin.replace(/^\.\//, '')), bin);
    assert.match(await readFile(join(stage, bin), 'utf8'), /^#!\/usr\/bin\/env node\n/);
    await writeFile(join(stage, '.env'), '');
    const { stdout } = await run(process.execPath, [join(stage, bin), '--help'], { cwd: stage });
    assert.match(stdout, /^Usage: messenger-rx /);
  });
});
