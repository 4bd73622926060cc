import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../lib/cli/program.js';
import { describeFailure, hideSecrets, HIDDEN } from '../../lib/cli/errors.js';
import { startEmulator } from '../../lib/emulator/index.js';
import { memoryIo } from './helpers.js';

const COMMANDS = [
  ['webhook', 'check'],
  ['subscriptions', 'list'],
  ['subscriptions', 'set'],
  ['subscriptions', 'delete'],
  ['page', 'subscribe'],
  ['page', 'unsubscribe'],
  ['page', 'list'],
  ['profile', 'get'],
  ['profile', 'set'],
  ['profile', 'delete'],
  ['send'],
  ['console'],
  ['playground'],
];

describe('the messenger-rx program (in process)', () => {
  it('has help text on every command, exiting 0', async () => {
    for (const command of COMMANDS) {
      const { io, out } = memoryIo();
      assert.equal(await runCli([...command, '--help'], io), 0, command.join(' '));
      const help = out.join('');
      assert.match(help, new RegExp(`^Usage: messenger-rx ${command.join(' ')}`), command.join(' '));
      assert.ok(help.split('\n').length > 4, `${command.join(' ')} explains itself`);
    }
  });

  it('answers a usage error or an unknown command with one line and exit 1', async () => {
    for (const args of [['send', 'only-recipient'], ['frobnicate'], ['page'], ['profile', 'delete']]) {
      const { io, err } = memoryIo();
      assert.equal(await runCli(args, io), 1, args.join(' '));
      if (args[0] !== 'page') assert.equal(err.join('').trim().split('\n').length, 1, err.join(''));
    }
  });

  it('prints the version', async () => {
    const { io, out } = memoryIo();
    assert.equal(await runCli(['--version'], io), 0);
    assert.match(out.join(''), /^\d+\.\d+\.\d+/);
  });

  it('refuses a profile file that is missing, not JSON or not an object, before calling Graph', async () => {
    const emulator = await startEmulator();
    const dir = await mkdtemp(join(tmpdir(), 'messenger-rx-profile-'));
    try {
      await writeFile(join(dir, 'list.json'), '[1, 2]');
      await writeFile(join(dir, 'broken.json'), '{"get_started":');
      const cases: [string, RegExp][] = [
        ['missing.json', /^error: Cannot read missing\.json/],
        ['broken.json', /^error: broken\.json is not JSON/],
        ['list.json', /^error: list\.json must hold a JSON object of profile properties/],
      ];
      for (const [file, message] of cases) {
        const { io, err } = memoryIo({ PAGE_ACCESS_TOKEN: 'token-1234', GRAPH_API_URL: emulator.url }, dir);
        assert.equal(await runCli(['profile', 'set', file], io), 1);
        assert.match(err.join(''), message);
      }
      assert.equal(emulator.requests.length, 0);
    } finally {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('deletes app subscriptions, unsubscribes the page and reads and deletes profile properties', async () => {
    const emulator = await startEmulator();
    const env = {
      APP_ID: emulator.config.appId,
      APP_SECRET: emulator.config.appSecret,
      PAGE_ACCESS_TOKEN: emulator.config.accessToken,
      VERIFY_TOKEN: emulator.config.verifyToken,
      GRAPH_API_URL: emulator.url,
    };
    const cli = async (...args: string[]): Promise<string> => {
      const { io, out, err } = memoryIo(env);
      assert.equal(await runCli(args, io), 0, `${args.join(' ')}: ${err.join('')}`);
      return out.join('');
    };
    try {
      await cli(
        'subscriptions',
        'set',
        '--callback-url',
        'https://b.example/webhook',
        '--fields',
        'messages,feed',
      );
      await cli('subscriptions', 'delete', '--object', 'page', '--fields', 'feed');
      assert.match(
        await cli('subscriptions', 'list'),
        /page {2}https:\/\/b\.example\/webhook {2}active {2}fields: messages\n/,
      );
      await cli('subscriptions', 'delete');
      assert.equal(await cli('subscriptions', 'list'), 'The app has no webhook subscriptions.\n');

      await cli('page', 'subscribe');
      assert.equal((JSON.parse(await cli('--json', 'page', 'list')) as unknown[]).length, 1);
      await cli('page', 'unsubscribe');
      assert.match(await cli('page', 'list'), /^No app is subscribed to page me\./);

      emulator.state.profiles.set(`${emulator.config.pageId}:messenger`, {
        get_started: { payload: 'GO' },
        greeting: [{ locale: 'default', text: 'Hi' }],
      });
      assert.deepEqual(JSON.parse(await cli('profile', 'get', '--json')), {
        get_started: { payload: 'GO' },
        greeting: [{ locale: 'default', text: 'Hi' }],
      });
      await cli('profile', 'delete', 'greeting');
      assert.equal(await cli('profile', 'get', 'greeting', 'get_started'), 'get_started: {"payload":"GO"}\n');
    } finally {
      await emulator.close();
    }
  });

  it('hides secrets, URL-encoded ones too, and keeps the first line of a failure only', () => {
    assert.equal(hideSecrets('a 12|s3cret b 12%7Cs3cret', ['12|s3cret']), `a ${HIDDEN} b ${HIDDEN}`);
    assert.equal(
      describeFailure(new Error('first 12|s3cret\nsecond'), ['12|s3cret']),
      `Error: first ${HIDDEN}`,
    );
  });
});
