import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bot } from '../../lib/bot/index.js';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { runBin, spawnBin } from './helpers.js';

describe('the messenger-rx bin, run as a child process', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let env: Record<string, string>;

  before(async () => {
    emulator = await startEmulator();
  });
  beforeEach(() => {
    emulator.reset();
    env = {
      APP_ID: emulator.config.appId,
      APP_SECRET: emulator.config.appSecret,
      PAGE_ACCESS_TOKEN: emulator.config.accessToken,
      VERIFY_TOKEN: emulator.config.verifyToken,
      GRAPH_API_URL: emulator.url,
    };
  });
  after(async () => {
    await emulator.close();
  });

  it('prints help naming every command, and exits 0', async () => {
    const { code, stdout } = await runBin(['--help']);
    assert.equal(code, 0);
    for (const command of ['webhook', 'subscriptions', 'page', 'profile', 'send', 'console', 'playground']) {
      assert.match(stdout, new RegExp(`\\n  ${command}\\b`));
    }
    assert.match(stdout, /APP_ID, APP_SECRET/);
  });

  it('sets and lists the app subscriptions (POST and GET /{app-id}/subscriptions), as text and --json', async () => {
    const set = await runBin(
      [
        'subscriptions',
        'set',
        '--callback-url',
        'https://bot.example/webhook',
        '--fields',
        'messages,messaging_postbacks',
      ],
      env,
    );
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /Subscribed the app to page: messages, messaging_postbacks/);
    const request = emulator.requests.find((r) => r.method === 'POST' && r.path.endsWith('/subscriptions'));
    assert.equal(request?.query['verify_token'], emulator.config.verifyToken);
    assert.equal(request?.hasAppSecretProof, true);

    const list = await runBin(['subscriptions', 'list', '--json'], env);
    assert.equal(list.code, 0, list.stderr);
    const data = JSON.parse(list.stdout) as { object: string; fields: { name: string }[] }[];
    assert.deepEqual(
      data.map((s) => [s.object, s.fields.map((f) => f.name)]),
      [['page', ['messages', 'messaging_postbacks']]],
    );
    assert.ok(!list.stdout.includes(emulator.config.appSecret));
  });

  it('subscribes the page and sets the profile with settings from a .env file, then sends a text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'messenger-rx-cli-'));
    try {
      const dotenv = Object.entries({ ...env, PAGE_ID: emulator.config.pageId })
        .map(([k, v]) => `${k}=${v}`)
        .join('\n');
      await writeFile(join(dir, '.env'), `# settings\n${dotenv}\n`);
      await writeFile(join(dir, 'profile.json'), JSON.stringify({ get_started: { payload: 'GET_STARTED' } }));
      const page = await runBin(['page', 'subscribe', '--fields', 'messages,standby'], {}, { cwd: dir });
      assert.equal(page.code, 0, page.stderr);
      assert.deepEqual(emulator.state.pageSubscriptions.get(emulator.config.pageId), ['messages', 'standby']);
      const profile = await runBin(['profile', 'set', 'profile.json'], {}, { cwd: dir });
      assert.equal(profile.code, 0, profile.stderr);
      assert.deepEqual(emulator.state.profiles.get(`${emulator.config.pageId}:messenger`), {
        get_started: { payload: 'GET_STARTED' },
      });
      emulator.user('4242');
      const send = await runBin(['send', '4242', 'Hello from the CLI'], {}, { cwd: dir });
      assert.equal(send.code, 0, send.stderr);
      assert.match(send.stdout, /^Sent m_\S+ to 4242\.\n$/);
      assert.equal((await emulator.nextMessage()).text, 'Hello from the CLI');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('checks a webhook as Meta calls it: handshake, signed POST, unsigned POST refused', async () => {
    const bot = new Bot({
      appSecret: env['APP_SECRET'] ?? '',
      verifyToken: env['VERIFY_TOKEN'] ?? '',
      accessToken: env['PAGE_ACCESS_TOKEN'] ?? '',
      graph: { baseUrl: emulator.url },
    });
    const events: string[] = [];
    bot.on('message:text', (ctx) => void events.push(ctx.event.message.text));
    const listening = await bot.listen(0);
    try {
      const ok = await runBin(['webhook', 'check', listening.url], env);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /✓ handshake[\s\S]*✓ signed POST[\s\S]*✓ unsigned POST: refused with 401/);
      assert.deepEqual(events, ['messenger-rx webhook check']);

      const wrong = await runBin(['webhook', 'check', listening.url], {
        ...env,
        APP_SECRET: 'not-the-app-secret',
      });
      assert.equal(wrong.code, 1);
      assert.equal(wrong.stderr.trim().split('\n').length, 1);
      assert.match(wrong.stderr, /^error: webhook check failed at the signed POST: answered 403/);
      assert.ok(!`${wrong.stdout}${wrong.stderr}`.includes('not-the-app-secret'));
    } finally {
      await bot.stop();
      await listening.close();
    }
  });

  it('fails with one line and exit 1 when a variable is missing, naming it but no value', async () => {
    const run = await runBin(['send', '4242', 'hi'], {
      GRAPH_API_URL: emulator.url,
      APP_SECRET: 'shh-secret',
    });
    assert.equal(run.code, 1);
    assert.equal(run.stderr, 'error: PAGE_ACCESS_TOKEN is not set: send needs it (environment or .env)\n');
    assert.equal(run.stdout, '');
  });

  it('never prints a token or secret, even from a Graph error that echoes them', async () => {
    const token = 'EAAGsecretpagetoken0123456789';
    const secret = 'appsecret0123456789abcdef';
    const server = http.createServer((req, res) => {
      const query = new URL(req.url ?? '/', 'http://x').searchParams;
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            message: `Invalid token ${query.get('access_token') ?? ''} for app secret ${secret} (${encodeURIComponent(token)})`,
            code: 190,
          },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const json of [[], ['--json']]) {
        const run = await runBin([...json, 'page', 'list'], {
          GRAPH_API_URL: url,
          PAGE_ACCESS_TOKEN: token,
          APP_SECRET: secret,
        });
        assert.equal(run.code, 1);
        assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
        assert.match(run.stderr, /^error: Graph API error: Invalid token/);
        for (const leaked of [token, secret, encodeURIComponent(token)]) {
          assert.ok(
            !`${run.stdout}${run.stderr}`.includes(leaked),
            `no ${leaked.slice(0, 6)}... in the output`,
          );
        }
      }
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('chats in the console with the default echo bot and with a bot file', async () => {
    const echo = await runBin(['console'], {}, { input: 'hello there\n/quit\n' });
    assert.equal(echo.code, 0, echo.stderr);
    assert.match(echo.stdout, /you \(Messenger\) ▸ hello there\n {2}bot ◂ you: You said: hello there/);
    const menu = await runBin(['console', 'examples/menu.ts'], {}, { input: 'hi\n2\n/quit\n' });
    assert.equal(menu.code, 0, menu.stderr);
    assert.match(menu.stdout, /\[1\. Opening hours\] {2}\[2\. Order food\]/);
    assert.match(menu.stdout, /What would you like\?/);
    const missing = await runBin(['console', 'no/such/bot.ts']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^error: Cannot load the bot file no\/such\/bot\.ts/);
  });

  it('serves the playground of the default echo bot until stopped, and refuses a bad port in one line', async () => {
    const child = spawnBin(['playground', '--port', '0']);
    child.stdin.end();
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const found = /is at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (found?.[1] !== undefined) resolve(found[1]);
      });
      child.on('close', (code) => reject(new Error(`exited with ${String(code)}: ${out}`)));
    });
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<html/i);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    const bad = await runBin(['playground', '--port', 'eighty']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^error: the port must be a number from 0 to 65535, got "eighty"\n$/);
  });
});
