import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CLI_VARIABLES } from '../../lib/cli/env.js';

/** The repository root, where the specs run the bin from by default. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../lib/cli/main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

/** What a run of the bin printed and how it exited. */
export interface BinRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Starts the real bin (`node --import tsx lib/cli/main.ts ...args`) as a child process with only the given CLI
 * variables set (none inherited), in `cwd` (default the repository root).
 */
export function spawnBin(
  args: readonly string[],
  env: Record<string, string> = {},
  options: { cwd?: string } = {},
): ChildProcessWithoutNullStreams {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !(CLI_VARIABLES as readonly string[]).includes(key)),
  );
  return spawn(process.execPath, ['--import', TSX, MAIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...base, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Runs the real bin (see {@link spawnBin}) with `input` on stdin, until it exits. */
export function runBin(
  args: readonly string[],
  env: Record<string, string> = {},
  options: { input?: string; cwd?: string } = {},
): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    const child = spawnBin(args, env, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Runs `runCli` in this process with an in-memory environment and output. */
export function memoryIo(env: Record<string, string> = {}, cwd: string = ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      env,
      cwd,
      stdin: process.stdin,
      out: (text: string) => void out.push(text),
      err: (text: string) => void err.push(text),
    },
  };
}
