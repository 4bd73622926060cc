import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

const CREDENTIALS = ['APP_SECRET', 'VERIFY_TOKEN', 'PAGE_ACCESS_TOKEN', 'GRAPH_API_URL'];

function runScript(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !CREDENTIALS.includes(key)));
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', ...args], {
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('examples/echo.ts as a command', function () {
  this.timeout(25_000);

  it('plays the demo against the emulator with --once, shows what the user sent and the bot answered, and exits 0', async () => {
    const { code, stdout, stderr } = await runScript(['examples/echo.ts', '--once'], { PORT: '0' });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Running against the built-in emulator: webhook http:\/\/127\.0\.0\.1:\d+\/webhook/);
    assert.match(stdout, /Ann \(Messenger\) ▸ Hello bot!/);
    assert.match(stdout, /bot ◂ Ann: You said: Hello bot!/);
    assert.match(stdout, /bot ◂ ig_bob: You said: Hi from Instagram/);
  });
});
