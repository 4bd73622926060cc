/** How an example runs, read from the environment: against the built-in emulator, or a real page. */
import type { BotConfig } from '../../lib/testkit/index.js';

/** Where an example runs: `emulator` when no credential is set, `live` against the Graph API of `GRAPH_API_URL`. */
export type RunTarget =
  | { readonly mode: 'emulator'; readonly port: number }
  | { readonly mode: 'live'; readonly port: number; readonly config: BotConfig };

/** The environment was set half-way: `missing` names the variables still needed (their values are never shown). */
export class ExampleEnvError extends Error {
  override readonly name = 'ExampleEnvError';
  constructor(
    readonly missing: readonly string[],
    detail?: string,
  ) {
    super(
      detail ??
        `To run against a real page, set ${missing.join(', ')} as well ` +
          '(or unset APP_SECRET, VERIFY_TOKEN, PAGE_ACCESS_TOKEN and GRAPH_API_URL to use the emulator).',
    );
  }
}

const CREDENTIALS = ['APP_SECRET', 'VERIFY_TOKEN', 'PAGE_ACCESS_TOKEN'] as const;

function portOf(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ExampleEnvError(
      [],
      `PORT must be a port number from 0 to 65535, got ${JSON.stringify(value)}.`,
    );
  }
  return port;
}

/**
 * Reads `PORT` (default 3000), `APP_SECRET`, `VERIFY_TOKEN`, `PAGE_ACCESS_TOKEN` and `GRAPH_API_URL` (default
 * https://graph.facebook.com). With none of the last four set, the example runs against the emulator.
 */
export function readTarget(env: Readonly<Record<string, string | undefined>> = process.env): RunTarget {
  const port = portOf(env['PORT']);
  const set = (name: string): boolean => (env[name] ?? '').trim() !== '';
  if (![...CREDENTIALS, 'GRAPH_API_URL'].some(set)) return { mode: 'emulator', port };
  const missing = CREDENTIALS.filter((name) => !set(name));
  if (missing.length > 0) throw new ExampleEnvError(missing);
  const baseUrl = set('GRAPH_API_URL') ? (env['GRAPH_API_URL'] ?? '').trim() : 'https://graph.facebook.com';
  try {
    new URL(baseUrl);
  } catch {
    throw new ExampleEnvError([], `GRAPH_API_URL must be a URL such as https://graph.facebook.com.`);
  }
  return {
    mode: 'live',
    port,
    config: {
      appSecret: env['APP_SECRET'] ?? '',
      verifyToken: env['VERIFY_TOKEN'] ?? '',
      accessToken: env['PAGE_ACCESS_TOKEN'] ?? '',
      graph: { baseUrl },
    },
  };
}

/** What a process does with a shared inbox: the `role` of `new Bot()`, read from `ROLE`. */
export type RunRole = 'all' | 'receiver' | 'worker';

/** Where an example's events wait: in memory (one process), or in Redis (`REDIS_URL`) with a role (`ROLE`). */
export type RunDelivery =
  { readonly kind: 'memory' } | { readonly kind: 'redis'; readonly url: string; readonly role: RunRole };

const ROLES: readonly RunRole[] = ['all', 'receiver', 'worker'];

/** `host:port` of a Redis URL, for messages: never its user or password. */
export function redisAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port === '' ? '6379' : parsed.port}`;
  } catch {
    return 'REDIS_URL';
  }
}

/**
 * Reads `REDIS_URL` (a `redis://` or `rediss://` URL; unset: in memory) and `ROLE` (`all`, the default, `receiver`
 * or `worker`, which need `REDIS_URL`). `emulator` says the example runs against the emulator, where the webhook
 * and the Graph API live in this one process, so only `ROLE=all` works there. Throws ExampleEnvError with one line
 * (never the URL itself, which may hold a password).
 */
export function readDelivery(
  env: Readonly<Record<string, string | undefined>> = process.env,
  emulator = false,
): RunDelivery {
  const url = (env['REDIS_URL'] ?? '').trim();
  const roleText = (env['ROLE'] ?? '').trim();
  const role = roleText === '' ? 'all' : ROLES.find((r) => r === roleText);
  if (role === undefined) {
    throw new ExampleEnvError(
      [],
      `ROLE must be all, receiver or worker, got ${JSON.stringify(roleText.slice(0, 40))}.`,
    );
  }
  if (url === '') {
    if (role === 'all') return { kind: 'memory' };
    throw new ExampleEnvError(
      ['REDIS_URL'],
      `ROLE=${role} needs REDIS_URL (redis://host:6379), where receivers and workers share the events.`,
    );
  }
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // Reported below without echoing the value.
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new ExampleEnvError(
      [],
      'REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379.',
    );
  }
  if (emulator && role !== 'all') {
    throw new ExampleEnvError(
      [],
      `ROLE=${role} needs a real page: with the emulator the webhook and the Graph API live in one process. ` +
        'Set APP_SECRET, VERIFY_TOKEN, PAGE_ACCESS_TOKEN (and GRAPH_API_URL), or use ROLE=all.',
    );
  }
  return { kind: 'redis', url, role };
}
