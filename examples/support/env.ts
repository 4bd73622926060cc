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
