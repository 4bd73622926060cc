import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TREES = ['lib', 'spec', 'bench', 'examples', '.ci'];

/** Every file under the given trees of the repository, as repository-relative paths. */
function filesUnder(dirs: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  dirs.forEach(walk);
  return files;
}

/** The comments of a file (all of README.md), where prose names other files. */
function commentsOf(file: string, text: string): string[] {
  if (file.endsWith('.md')) return [text];
  if (/\.[cm]?[jt]s$/.test(file)) {
    // Block comments and line comments; `://` (a URL) and `'//'` in code do not start a comment.
    return [...text.matchAll(/\/\*[\s\S]*?\*\/|(?<![:'"`\\])\/\/.*$/gm)].map((m) => m[0]);
  }
  if (file.startsWith('.ci/')) return [...text.matchAll(/(?:^|\s)#.*$/gm)].map((m) => m[0]);
  return [];
}

/**
 * The paths a text names: relative ones (`../support/nock.ts`) and ones from the repository root under one of its
 * trees (`lib/graph/send.ts`). A trailing full stop ends the sentence, not the path.
 */
function namedPaths(text: string): string[] {
  const token =
    /(?<![\w@./:-])((?:\.\.?\/)+[\w.-]+(?:\/[\w.-]+)*|(?:lib|spec|bench|examples|\.ci)\/[\w.-]+(?:\/[\w.-]+)*)/g;
  return [...text.matchAll(token)].map((m) => (m[1] ?? '').replace(/\.+$/, ''));
}

/** Whether a path named in `file` exists: relative to the file or to the root; `.js` may stand for `.ts`. */
function exists(file: string, path: string): boolean {
  const base = path.startsWith('./') || path.startsWith('../') ? join(dirname(file), path) : path;
  return [base, base.replace(/\.js$/, '.ts'), `${base}.ts`].some((p) => existsSync(join(ROOT, p)));
}

/** The files .gitignore names one by one (generated ones a comment may mention, e.g. `bench/results.json`). */
function ignoredFiles(): Set<string> {
  const lines = readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n');
  return new Set(lines.map((l) => l.trim()).filter((l) => l !== '' && !l.includes('*') && !l.endsWith('/')));
}

describe('the house: files named in comments', () => {
  it('finds relative and root paths in prose, a full stop aside', () => {
    assert.deepEqual(namedPaths('// see ./route.js and lib/graph/nope.ts.'), [
      './route.js',
      'lib/graph/nope.ts',
    ]);
    assert.deepEqual(namedPaths(' * https://example.com/lib/x.ts, messenger-rx/botkit, a/b'), []);
    assert.equal(exists('lib/graph/send.ts', './call.js'), true);
    assert.equal(exists('lib/graph/send.ts', 'lib/graph/nope.ts'), false);
  });

  it('every file a comment (or README.md) names exists', () => {
    const ignored = ignoredFiles();
    const stale: string[] = [];
    for (const file of [...filesUnder(TREES), 'README.md']) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const path of commentsOf(file, text).flatMap(namedPaths)) {
        if (!ignored.has(path) && !exists(file, path)) stale.push(`${file}: ${path}`);
      }
    }
    assert.deepEqual(stale, []);
  });
});
