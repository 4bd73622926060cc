import assert from 'node:assert/strict';
import net from 'node:net';
import { Readable } from 'node:stream';
import { runExample, type Example, type RunIo } from '../../examples/support/run.js';
import { ExampleEnvError, readTarget } from '../../examples/support/env.js';
import { startEmulator } from '../../lib/emulator/index.js';
import type { TestableBot } from '../../lib/testkit/index.js';
import { echoExample } from '../../examples/echo.js';
import { menuExample } from '../../examples/menu.js';
import { instagramMentionsExample } from '../../examples/instagram-mentions.js';
import { storyInsightsExample } from '../../examples/story-insights.js';
import { botkitExample } from '../../examples/botkit.js';
import { debounceExample } from '../../examples/debounce.js';

async function run<B extends TestableBot>(
  example: Example<B>,
  io: RunIo,
): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runExample(example, {
    env: { PORT: '0' },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    ...io,
  });
  return { code, out, err };
}

describe('examples/support: the runner', function () {
  this.timeout(15_000);

  const demos: [Example<TestableBot>, RegExp[]][] = [
    [
      echoExample,
      [
        /Ann \(Messenger\) ▸ Hello bot!/,
        /bot ◂ Ann: You said: Hello bot!/,
        /bot ◂ ig_bob: You said: Hi from Instagram/,
      ],
    ],
    [
      menuExample,
      [/taps button \[Get Started\]/, /\[1\. Opening hours\]/, /bot ◂ Ann: Great choice: a pizza/],
    ],
    [
      instagramMentionsExample,
      [
        /reads the mentioned comment/,
        /mention reply on comment \d+: Challenge accepted!/,
        /mention reply on media \d+: MacLeod agrees!/,
      ],
    ],
    [storyInsightsExample, [/bot ✎ story \d+: reach 17/, /replies fewer than 5/]],
    [
      botkitExample,
      [/bot ◂ Ann: Which size\? {2}\[1\. Small\] {2}\[2\. Large\]/, /One large pizza with mushrooms/],
    ],
    [debounceExample, [/bot ◂ Ann: You sent 3 messages/]],
  ];
  for (const [example, expected] of demos) {
    it(`plays the ${example.script} demo against the emulator with --once and exits 0`, async () => {
      const { code, out, err } = await run(example, { argv: ['--once'] });
      assert.deepEqual(err, []);
      assert.equal(code, 0);
      const text = out.join('\n');
      for (const pattern of expected) assert.match(text, pattern);
      assert.doesNotMatch(text, /✗/);
    });
  }

  it('lets a person type as the user in console mode, on Messenger and Instagram', async () => {
    const input = Readable.from(['hello there\n', '/ig\n', 'from insta\n', '/nope\n']);
    const { code, out } = await run(echoExample, { argv: ['--console'], input });
    assert.equal(code, 0);
    const text = out.join('\n');
    assert.match(text, /you \(Messenger\) ▸ hello there\n {2}bot ◂ you: You said: hello there/);
    assert.match(text, /you \(Instagram\) ▸ from insta\n {2}bot ◂ you: You said: from insta/);
    assert.match(text, /unknown command \/nope/);
  });

  it('picks quick replies and buttons by number in console mode', async () => {
    const input = Readable.from(['/postback GET_STARTED\n', '2\n', '1\n']);
    const { out } = await run(menuExample, { argv: ['--console'], input });
    const text = out.join('\n');
    assert.match(text, /bot ◂ you: What would you like\?/);
    assert.match(text, /bot ◂ you: Great choice: a pizza is on its way!/);
  });

  it('keeps the bot running after the demo until stopped, answering further webhooks', async () => {
    let stop: () => void = () => undefined;
    const until = new Promise<void>((resolve) => (stop = resolve));
    const out: string[] = [];
    const running = runExample(echoExample, {
      argv: [],
      env: { PORT: '0' },
      out: (l) => out.push(l),
      err: () => undefined,
      until,
    });
    while (!out.some((l) => l.startsWith('The bot keeps running')))
      await new Promise((r) => setTimeout(r, 20));
    const url = /running at (\S+)\./.exec(out.join('\n'))?.[1] ?? '';
    const response = await fetch(
      `${url}?hub.mode=subscribe&hub.verify_token=emulator-verify-token&hub.challenge=42`,
    );
    assert.equal(await response.text(), '42');
    stop();
    assert.equal(await running, 0);
    await assert.rejects(fetch(url), /fetch failed/);
  });

  it('runs live against the Graph API of GRAPH_API_URL when credentials are set, logging what users send', async () => {
    const emulator = await startEmulator();
    let stop: () => void = () => undefined;
    const until = new Promise<void>((resolve) => (stop = resolve));
    const out: string[] = [];
    const env = {
      PORT: '0',
      APP_SECRET: emulator.config.appSecret,
      VERIFY_TOKEN: emulator.config.verifyToken,
      PAGE_ACCESS_TOKEN: emulator.config.accessToken,
      GRAPH_API_URL: emulator.url,
    };
    const running = runExample(echoExample, {
      argv: [],
      env,
      out: (l) => out.push(l),
      err: (l) => out.push(l),
      until,
    });
    try {
      while (!out.some((l) => l.includes('serving the webhook at')))
        await new Promise((r) => setTimeout(r, 20));
      const port = /:(\d+)\/webhook/.exec(out.join('\n'))?.[1] ?? '';
      emulator.connect(`http://127.0.0.1:${port}/webhook`);
      const user = emulator.user('555');
      await user.say('live hello');
      assert.equal((await user.nextMessage()).text, 'You said: live hello');
      assert.ok(
        out.some((l) => l === '555 (messenger) ▸ live hello'),
        out.join('\n'),
      );
      assert.ok(
        out.every((l) => !l.includes(emulator.config.accessToken) && !l.includes(emulator.config.appSecret)),
      );
    } finally {
      stop();
      assert.equal(await running, 0);
      await emulator.close();
    }
  });

  it('explains a taken port instead of crashing', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const { code, err } = await run(echoExample, { argv: ['--once'], env: { PORT: String(port) } });
      assert.equal(code, 1);
      assert.match(
        err.join('\n'),
        new RegExp(`Port ${port} is already in use.*PORT=${port + 1} npm run example`),
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('names the missing variables when the environment is set half-way, without showing values', async () => {
    const { code, err } = await run(echoExample, { argv: ['--once'], env: { APP_SECRET: 's3cr3t-value' } });
    assert.equal(code, 1);
    assert.match(err.join('\n'), /set VERIFY_TOKEN, PAGE_ACCESS_TOKEN as well/);
    assert.doesNotMatch(err.join('\n'), /s3cr3t-value/);
  });
});

describe('examples/support: readTarget', () => {
  it('runs against the emulator on port 3000 when nothing is set', () => {
    assert.deepEqual(readTarget({}), { mode: 'emulator', port: 3000 });
  });

  it('runs live against graph.facebook.com with the three credentials', () => {
    const target = readTarget({ APP_SECRET: 'a', VERIFY_TOKEN: 'v', PAGE_ACCESS_TOKEN: 't', PORT: '8080' });
    assert.deepEqual(target, {
      mode: 'live',
      port: 8080,
      config: {
        appSecret: 'a',
        verifyToken: 'v',
        accessToken: 't',
        graph: { baseUrl: 'https://graph.facebook.com' },
      },
    });
  });

  it('uses GRAPH_API_URL when set, and refuses one without the credentials', () => {
    const env = {
      APP_SECRET: 'a',
      VERIFY_TOKEN: 'v',
      PAGE_ACCESS_TOKEN: 't',
      GRAPH_API_URL: 'http://127.0.0.1:9999',
    };
    const target = readTarget(env);
    assert.equal(target.mode === 'live' ? target.config.graph.baseUrl : '', 'http://127.0.0.1:9999');
    assert.throws(() => readTarget({ GRAPH_API_URL: 'http://127.0.0.1:9999' }), ExampleEnvError);
  });

  it('refuses a PORT that is not a port number', () => {
    assert.throws(() => readTarget({ PORT: 'abc' }), /PORT must be a port number/);
  });
});
