import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

interface PackageJson {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
}

const root = new URL('../../', import.meta.url);

async function text(path: string): Promise<string> {
  return readFile(new URL(path, root), 'utf8');
}

/** The opening doc comment of a file (empty when it does not open with one). */
function header(source: string): string {
  const match = /^\/\*\*([\s\S]*?)\*\//.exec(source);
  return match?.[1]?.replace(/^\s*\* ?/gm, '').replace(/\s+/g, ' ') ?? '';
}

describe('examples: one command each, and a header saying what it shows and how to run it for real', () => {
  let scripts: [string, string][] = [];
  let pkg: PackageJson;

  before(async () => {
    pkg = JSON.parse(await text('package.json')) as PackageJson;
    scripts = Object.entries(pkg.scripts)
      .filter(([name]) => name === 'example' || name.startsWith('example:'))
      .map(([name, command]) => [name, command.replace(/^tsx /, '')]);
  });

  it('has an npm script for each of the examples the issues name', () => {
    assert.deepEqual(scripts.map(([name]) => name).sort(), [
      'example',
      'example:botkit',
      'example:debounce',
      'example:handover',
      'example:insights',
      'example:instagram',
      'example:menu',
      'example:order',
    ]);
  });

  it('opens every example with a header naming its npm script and how to run it against a real page or account', async () => {
    for (const [name, file] of scripts) {
      const doc = header(await text(file));
      assert.ok(doc.length > 200, `${file} has a header comment`);
      assert.match(doc, new RegExp(`npm run ${name}\\b`), `${file} names npm run ${name}`);
      assert.match(doc, /against a real (page|account)/, `${file} says how to run it for real`);
      assert.match(doc, /APP_SECRET, VERIFY_TOKEN and PAGE_ACCESS_TOKEN/, `${file} names the variables`);
    }
  });

  it('tells Botkit users about botbuilder-dialogs’ `npx rimraf` postinstall, which the repo handles with rimraf installed', async () => {
    assert.match(header(await text('examples/botkit.ts')), /postinstall, which calls `npx rimraf`/);
    assert.match(header(await text('lib/botkit/index.ts')), /runs `npx rimraf` in its postinstall/);
    assert.ok(pkg.devDependencies['rimraf'], 'rimraf is installed, so npx finds it without downloading');
  });
});
