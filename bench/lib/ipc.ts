import { getHeapSpaceStatistics } from 'node:v8';

/**
 * The IPC protocol between the bench runner and its child servers: the child announces its port, the
 * parent calls named commands and gets one answer per call. Every child also samples its RSS for the peak.
 */

/** A command the parent sends to a child. */
export interface IpcCall {
  id: number;
  cmd: string;
  arg?: unknown;
}

/** A child's answer to one call. */
export type IpcAnswer = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** The first message a child sends once it listens. */
export interface IpcReady {
  ready: true;
  port: number;
}

/** A child's memory reading in bytes: current RSS, the peak since the last reset, and V8's own figures. */
export interface MemoryReading {
  rss: number;
  peakRss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

/** The command handlers a child serves beside the built-in memory commands. */
export type CommandHandlers = Record<string, (arg: unknown) => unknown>;

const SAMPLE_MS = 50;

/** The current monotonic time in milliseconds; comparable across processes on one machine (CLOCK_MONOTONIC). */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Serves IPC for a child server: samples RSS every 50 ms, answers `memory`, `cpu` (user + system µs so far),
 * `heap-spaces`, `reset-peak` and `gc`
 * (a forced collection when run with --expose-gc) plus the given handlers, and announces the port.
 */
export function serveChild(port: number, handlers: CommandHandlers): void {
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) peakRss = rss;
  }, SAMPLE_MS);
  sampler.unref();

  const memory = (): MemoryReading => {
    const usage = process.memoryUsage();
    if (usage.rss > peakRss) peakRss = usage.rss;
    return {
      rss: usage.rss,
      peakRss,
      heapUsed: usage.heapUsed,
      heapTotal: usage.heapTotal,
      external: usage.external,
      arrayBuffers: usage.arrayBuffers,
    };
  };
  const builtIn: CommandHandlers = {
    memory,
    cpu: (): number => {
      const usage = process.cpuUsage();
      return usage.user + usage.system;
    },
    'heap-spaces': () =>
      Object.fromEntries(
        getHeapSpaceStatistics().map((space) => [
          space.space_name,
          { size: space.space_size, used: space.space_used_size },
        ]),
      ),
    'reset-peak': () => {
      peakRss = process.memoryUsage.rss();
      return memory();
    },
    gc: async () => {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (gc !== undefined) {
        // Two passes with a pause between let weak references and finalizers settle.
        gc();
        await new Promise((resolve) => setTimeout(resolve, 100));
        gc();
      }
      return memory();
    },
  };

  process.on('message', (message: IpcCall) => {
    const handler = handlers[message.cmd] ?? builtIn[message.cmd];
    const send = (answer: IpcAnswer): void => {
      process.send?.(answer);
    };
    if (handler === undefined) {
      send({ id: message.id, ok: false, error: `unknown command ${message.cmd}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.arg))
      .then(
        (result) => send({ id: message.id, ok: true, result }),
        (error: unknown) => send({ id: message.id, ok: false, error: String(error) }),
      );
  });
  // A normal exit (not death by signal) lets --cpu-prof write its profile.
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
  const ready: IpcReady = { ready: true, port };
  process.send?.(ready);
}
