/** The CLI's settings: the process environment over a `.env` file, read with `util.parseEnv` (no dependency). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { CliError } from './errors.js';

/** The variables the CLI reads. */
export const CLI_VARIABLES = [
  'APP_ID',
  'APP_SECRET',
  'PAGE_ID',
  'PAGE_ACCESS_TOKEN',
  'VERIFY_TOKEN',
  'GRAPH_API_URL',
] as const;

/** One of the variables the CLI reads. */
export type CliVariable = (typeof CLI_VARIABLES)[number];

/** The variables whose values are secret: never printed, and blanked out of any message that carries them. */
export const SECRET_VARIABLES: readonly CliVariable[] = ['APP_SECRET', 'PAGE_ACCESS_TOKEN', 'VERIFY_TOKEN'];

/** The CLI's settings, with a lookup that fails with a clear line naming what is missing. */
export interface CliEnv {
  /** The value of a variable (environment first, then `.env`), or undefined when unset or blank. */
  get(name: CliVariable): string | undefined;
  /** The value of a variable, or a {@link CliError} saying it is needed and where to set it. */
  need(name: CliVariable, forWhat: string): string;
  /** The secret values that are set, to blank out of output (see {@link SECRET_VARIABLES}). */
  secrets(): string[];
}

/** Reads `.env` in `cwd` when it exists (KEY=value lines as `node --env-file` reads them). */
function readDotEnv(cwd: string): Readonly<Record<string, string | undefined>> {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, '.env'), 'utf8');
  } catch {
    return {};
  }
  return parseEnv(text);
}

/** The CLI's settings from `env` (normally `process.env`) over the `.env` file of `cwd`. */
export function loadCliEnv(env: Readonly<Record<string, string | undefined>>, cwd: string): CliEnv {
  const file = readDotEnv(cwd);
  const get = (name: CliVariable): string | undefined => {
    const value = (env[name] ?? file[name])?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  return {
    get,
    need: (name, forWhat) => {
      const value = get(name);
      if (value === undefined)
        throw new CliError(`${name} is not set: ${forWhat} needs it (environment or .env)`);
      return value;
    },
    secrets: () => {
      const values = SECRET_VARIABLES.map(get).filter((v): v is string => v !== undefined);
      const appId = get('APP_ID');
      const appSecret = get('APP_SECRET');
      if (appId !== undefined && appSecret !== undefined) values.push(`${appId}|${appSecret}`);
      return values;
    },
  };
}
