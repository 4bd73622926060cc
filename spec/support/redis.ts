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
import type { Redis } from 'ioredis';

/** Options of {@link startRedis}. */
export interface RedisServerOptions {
  /** Keep an append-only file fsynced on every write, so a killed and restarted server keeps what it acknowledged. */
  appendOnly?: boolean;
  /** Require this password (`requirepass`); `url` then carries it. */
  password?: string;
  /** Run as a Redis Cluster node (`cluster-enabled yes`), for {@link startRedisCluster}. */
  clusterNode?: boolean;
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
    ...(options.clusterNode === true
      ? ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf']
      : []),
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

/** A redis-server and one client on it, shared by the specs of one `describe`. */
export interface RedisFixture {
  readonly server: RedisServer;
  readonly redis: Redis;
}

/**
 * Registers `before` and `after` hooks in the enclosing `describe`: a fresh redis-server and a client on it
 * before its specs, both closed after them. Read `server` and `redis` inside the specs and hooks.
 */
export function useRedis(options: RedisServerOptions = {}): RedisFixture {
  let started: RedisFixture | undefined;
  before(async () => {
    const server = await startRedis(options);
    const { Redis } = await import('ioredis');
    started = { server, redis: new Redis(server.url) };
  });
  after(async () => {
    await started?.redis.quit();
    await started?.server.stop();
    started = undefined;
  });
  const current = (): RedisFixture => {
    if (started === undefined) throw new Error('useRedis: read server and redis inside a spec or hook');
    return started;
  };
  return {
    get server() {
      return current().server;
    },
    get redis() {
      return current().redis;
    },
  };
}

/** A Redis Cluster of master nodes on loopback, for the specs that prove the hash tags. */
export interface RedisCluster {
  /** The nodes, as ioredis' `Cluster` takes them. */
  readonly nodes: readonly { host: string; port: number }[];
  /** Stops every node. */
  stop(): Promise<void>;
}

/**
 * Starts `size` cluster nodes, gives each an equal range of the 16384 slots, joins them (CLUSTER MEET) and waits
 * until every node reports `cluster_state:ok`.
 */
export async function startRedisCluster(size = 3): Promise<RedisCluster> {
  const servers = await Promise.all(Array.from({ length: size }, () => startRedis({ clusterNode: true })));
  const { Redis } = await import('ioredis');
  const clients = servers.map((server) => new Redis(server.url));
  try {
    const per = Math.ceil(16384 / size);
    await Promise.all(
      clients.map((client, i) =>
        client.call('CLUSTER', ['ADDSLOTSRANGE', i * per, Math.min(16383, (i + 1) * per - 1)]),
      ),
    );
    for (const server of servers.slice(1))
      await clients[0]!.call('CLUSTER', ['MEET', '127.0.0.1', server.port]);
    for (const client of clients) {
      while (!String(await client.call('CLUSTER', ['INFO'])).includes('cluster_state:ok')) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    await Promise.all(clients.map((client) => client.quit()));
  }
  return {
    nodes: servers.map((server) => ({ host: '127.0.0.1', port: server.port })),
    stop: async () => {
      await Promise.all(servers.map((server) => server.stop()));
    },
  };
}
