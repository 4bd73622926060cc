/**
 * A real redis-server for the specs: each one on a free loopback port, in its own temporary directory, without
 * persistence unless a spec asks for the append-only file. No mock of Redis stands in for it: when the binary is
 * missing the harness fails loudly and names the command that installs it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Options of {@link startRedis}. */
export interface RedisServerOptions {
  /** Keep an append-only file fsynced on every write, so a killed and restarted server keeps what it acknowledged. */
  appendOnly?: boolean;
  /** Require this password (`requirepass`); `url` then carries it. */
  password?: string;
}

/** A running redis-server owned by one spec. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`, with the password when there is one. */
  readonly url: string;
  /** Kills the server with SIGKILL (a crash: nothing is saved beyond what the append-only file already has). */
  kill(): Promise<void>;
  /** Starts the server again on the same port and directory (after `kill`, or kills it first). */
  restart(): Promise<void>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

const INSTALL_HINT =
  'redis-server was not found on PATH: the Redis specs run against a real server. Install it with ' +
  "'apt-get install -y redis-server' (as root, or with sudo), or run 'npm test', whose setup step (.ci/setup) installs it.";

/** Servers still running, killed when the process exits (mocha --exit after a timeout would leave them behind). */
const running = new Set<{ child: () => ChildProcess | undefined; dir: string }>();
process.once('exit', () => {
  for (const server of running) {
    server.child()?.kill('SIGKILL');
    rmSync(server.dir, { recursive: true, force: true });
  }
});

/** Throws the install hint when redis-server is not on PATH. */
function assertInstalled(): void {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  if (probe.error !== undefined || probe.status !== 0) throw new Error(INSTALL_HINT);
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Answers true when a PING on the port gets PONG. */
async function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG') || reply.startsWith('-NOAUTH'));
    });
    // Without AUTH a password-protected server answers -NOAUTH: it is up all the same.
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}

/** Starts a redis-server for one spec; stop it in `after`. */
export async function startRedis(options: RedisServerOptions = {}): Promise<RedisServer> {
  assertInstalled();
  const dir = mkdtempSync(join(tmpdir(), 'mrx-redis-'));
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--daemonize',
    'no',
    '--protected-mode',
    'no',
    '--loglevel',
    'warning',
    ...(options.password === undefined ? [] : ['--requirepass', options.password]),
    ...(options.appendOnly === true
      ? ['--appendonly', 'yes', '--appendfsync', 'always']
      : ['--appendonly', 'no']),
  ];
  let child: ChildProcess | undefined;
  let output = '';

  const launch = async (): Promise<void> => {
    output = '';
    const proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let exited = false;
    proc.once('exit', () => (exited = true));
    for (;;) {
      if (exited) throw new Error(`redis-server exited on start (port ${port}): ${output.trim()}`);
      if (await pings(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const kill = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  };

  const entry = { child: () => child, dir };
  running.add(entry);
  await launch();
  return {
    port,
    url: `redis://${options.password === undefined ? '' : `:${options.password}@`}127.0.0.1:${port}`,
    kill,
    restart: async () => {
      await kill();
      await launch();
    },
    stop: async () => {
      await kill();
      running.delete(entry);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
