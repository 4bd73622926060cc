import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IpcAnswer, IpcReady, MemoryReading } from './ipc.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STARTUP_TIMEOUT_MS = 30_000;

/** A server running in its own child process, reachable over HTTP on loopback and over IPC. */
export interface ChildServer {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  /** Calls a command the child serves and resolves with its answer. */
  call<T>(cmd: string, arg?: unknown): Promise<T>;
  /** Reads the child's RSS, peak RSS since the last reset and heap in use. */
  memory(): Promise<MemoryReading>;
  /** Starts a new peak-RSS window. */
  resetPeak(): Promise<MemoryReading>;
  /** Forces garbage collection in the child (it runs with --expose-gc) and reads its memory afterwards. */
  gc(): Promise<MemoryReading>;
  /** Ends the child and waits for it to exit. */
  stop(): Promise<void>;
}

/** How to start a child server. */
export interface StartOptions {
  /** Write a V8 CPU profile of the child into this directory when it exits (node --cpu-prof). */
  cpuProfDir?: string;
  /**
   * Start this server file instead of `bench/servers/<script>.ts`, still named `script` in the results: how
   * `--baseline` puts the Bot of another checkout in the floor's place.
   */
  file?: string;
}

/**
 * Starts `bench/servers/<script>.ts` in a child process (node --import tsx --expose-gc) with the given
 * `--key=value` arguments, and resolves once it reports the port it listens on.
 */
export function startServer(
  script: string,
  args: Record<string, string> = {},
  options: StartOptions = {},
): Promise<ChildServer> {
  const file = options.file ?? fileURLToPath(new URL(`../servers/${script}.ts`, import.meta.url));
  const argv = Object.entries(args).map(([k, v]) => `--${k}=${v}`);
  // One directory per script: node names each thread's profile itself (the tsx loader runs in its own thread).
  const profile =
    options.cpuProfDir === undefined
      ? []
      : ['--cpu-prof', `--cpu-prof-dir=${join(options.cpuProfDir, script)}`];
  const child = fork(file, argv, {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', '--expose-gc', ...profile],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${script} did not start within ${STARTUP_TIMEOUT_MS} ms`));
    }, STARTUP_TIMEOUT_MS);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with code ${code} before it was ready`));
    };
    child.once('exit', onExit);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('message', (message: IpcReady) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(wrap(script, child, message.port));
    });
  });
}

function wrap(name: string, child: ChildProcess, port: number): ChildServer {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (answer: IpcAnswer) => {
    const waiter = pending.get(answer.id);
    if (waiter === undefined) return;
    pending.delete(answer.id);
    if (answer.ok) waiter.resolve(answer.result);
    else waiter.reject(new Error(`${name}: ${answer.error}`));
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`${name} exited (code ${code})`));
    pending.clear();
  });
  const call = <T>(cmd: string, arg?: unknown): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, cmd, arg });
    });
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    call,
    memory: () => call<MemoryReading>('memory'),
    resetPeak: () => call<MemoryReading>('reset-peak'),
    gc: () => call<MemoryReading>('gc'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
