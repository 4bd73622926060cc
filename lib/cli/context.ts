/** What every CLI command gets: where to read and write, the settings, `--json`, and Graph clients. */
import { GraphClient } from '../graph/index.js';
import type { CliEnv } from './env.js';
import { hideSecrets } from './errors.js';

/** Where the CLI reads and writes; the defaults are the process's own. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdin: NodeJS.ReadableStream;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** A command's view of the CLI: settings, output (text lines or one JSON value) and the Graph clients. */
export interface CliContext {
  readonly io: CliIo;
  readonly env: CliEnv;
  /** True with `--json`: commands print one JSON value instead of text lines. */
  readonly json: boolean;
  /** Prints `value` as JSON with `--json`, else the text lines (secrets blanked out of both). */
  print(value: unknown, lines: readonly string[]): void;
  /** Prints one line of progress or a note (text mode only; with `--json` it goes to stderr). */
  note(line: string): void;
  /** A Graph client with the page token (PAGE_ACCESS_TOKEN; APP_SECRET adds appsecret_proof). */
  pageClient(forWhat: string): GraphClient;
  /** A Graph client with the app access token `APP_ID|APP_SECRET`. */
  appClient(forWhat: string): GraphClient;
}

/**
 * How a command runs its action: with the context of this run; a failure becomes one line on stderr and exit
 * code 1. Each `register...` function takes it.
 */
export type CliRun = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

/** Builds the context of one CLI run. */
export function createContext(io: CliIo, env: CliEnv, json: boolean): CliContext {
  const hide = (text: string): string => hideSecrets(text, env.secrets());
  const baseUrl = env.get('GRAPH_API_URL');
  const common = { baseUrl, retry: false as const };
  return {
    io,
    env,
    json,
    print: (value, lines) => {
      if (json) io.out(`${hide(JSON.stringify(value, null, 2))}\n`);
      else for (const line of lines) io.out(`${hide(line)}\n`);
    },
    note: (line) => (json ? io.err(`${hide(line)}\n`) : io.out(`${hide(line)}\n`)),
    pageClient: (forWhat) => {
      const appSecret = env.get('APP_SECRET');
      return new GraphClient({
        ...common,
        accessToken: env.need('PAGE_ACCESS_TOKEN', forWhat),
        appSecret,
      });
    },
    appClient: (forWhat) => {
      const appId = env.need('APP_ID', forWhat);
      const appSecret = env.need('APP_SECRET', forWhat);
      return new GraphClient({ ...common, appSecret, appAccessToken: `${appId}|${appSecret}` });
    },
  };
}
