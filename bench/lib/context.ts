import type { ChildServer } from './processes.js';

/** Which server a figure belongs to: the bare floor or the messenger-rx Bot. */
export type Kind = 'floor' | 'bot';

/** What every benchmark section gets from the runner: the running processes and the run's settings. */
export interface BenchContext {
  stub: ChildServer;
  servers: Record<Kind, ChildServer | null>;
  /** Seconds of each autocannon measurement run. */
  durationSec: number;
  /** Set once the long-running floor and bot have been warmed up (JIT) by a section, so later ones can skip it. */
  warmedUp: boolean;
  /** Prints a progress line (to stderr). */
  log(message: string): void;
  /** Starts a fresh server of that kind against the stub (the memory section wants clean processes). */
  startFresh(kind: Kind): Promise<ChildServer>;
}

/** The servers present in this run, floor first. */
export function presentServers(ctx: BenchContext): { kind: Kind; server: ChildServer }[] {
  const out: { kind: Kind; server: ChildServer }[] = [];
  for (const kind of ['floor', 'bot'] as const) {
    const server = ctx.servers[kind];
    if (server !== null) out.push({ kind, server });
  }
  return out;
}
