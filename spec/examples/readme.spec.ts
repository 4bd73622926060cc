import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe("README's Examples table", () => {
  it('runs each example through an npm script of package.json, and each example has its spec here', () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const start = readme.indexOf('\n## Examples\n');
    assert.ok(start >= 0, 'README has an "Examples" section');
    const section = readme.slice(start + 1, readme.indexOf('\n## ', start + 1));
    const rows = [...section.matchAll(/^\| `npm run ([\w:]+)` .*\((examples\/[\w-]+\.ts)\)/gm)];
    const scripts = (
      JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    assert.equal(
      rows.length,
      section.match(/^\| `npm run /gm)?.length,
      'every row names its script and its file',
    );
    assert.ok(rows.length > 0);
    for (const [, script = '', file = ''] of rows) {
      assert.equal(scripts[script], `tsx ${file}`, `npm run ${script}`);
      const spec = `spec/examples/${basename(file, '.ts')}.spec.ts`;
      assert.ok(existsSync(`${ROOT}${spec}`), `${file} is exercised by ${spec}`);
    }
  });
});
