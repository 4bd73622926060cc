/** Error injection and latency for the emulated Graph API. */
import type { GraphErrorSpec } from './errors.js';

/**
 * Which calls a rule applies to. `path` is compared without the version prefix: a string starting with `/`
 * must equal the path (`/me/messages`), a string without it names the last segment (`messages` matches
 * `/me/messages` and `/123/messages`), a RegExp is tested against the path. `method` defaults to any.
 */
export interface RequestMatch {
  readonly path?: string | RegExp;
  readonly method?: string;
}

/** A failure to inject: the next `times` matching calls answer this Graph error (or reset the connection). */
export interface FailureRule extends RequestMatch {
  /** How many matching calls fail (default 1). */
  readonly times?: number;
  /** HTTP status (default 500 for codes 1 and 2, else 400). */
  readonly status?: number;
  /** The Graph error (default code 2, "An unexpected error has occurred", transient). */
  readonly error?: Partial<GraphErrorSpec>;
  /** Destroy the connection instead of answering (a network failure for the client). */
  readonly reset?: boolean;
  /** Extra delay before this failure is answered. */
  readonly delayMs?: number;
}

/** A failure chosen for one call. */
export interface InjectedFailure {
  readonly status: number;
  readonly error: GraphErrorSpec;
  readonly reset: boolean;
  readonly delayMs: number | undefined;
}

const DEFAULT_ERROR: GraphErrorSpec = {
  code: 2,
  message: 'An unexpected error has occurred. Please retry your request later.',
  type: 'OAuthException',
  is_transient: true,
};

function normalisePath(path: string): string {
  return path.replace(/^\/v\d+(\.\d+)?(?=\/|$)/, '');
}

/** True when `match` applies to the call `method path`. */
export function matchesRequest(match: RequestMatch, method: string, path: string): boolean {
  if (match.method !== undefined && match.method.toUpperCase() !== method) return false;
  const p = match.path;
  if (p === undefined) return true;
  if (p instanceof RegExp) return p.test(path);
  if (p.startsWith('/')) return normalisePath(p) === path;
  return path.endsWith(`/${p}`);
}

interface ActiveRule {
  readonly rule: FailureRule;
  remaining: number;
}

/** Holds pending failures (consumed in order) and latency settings. */
export class Faults {
  private readonly rules: ActiveRule[] = [];
  private latencyMs: number;
  private readonly latencyRules: { readonly match: RequestMatch; readonly ms: number }[] = [];

  constructor(latencyMs: number) {
    this.latencyMs = latencyMs;
  }

  /** Queues a failure rule. */
  failNext(rule: FailureRule): void {
    this.rules.push({ rule, remaining: rule.times ?? 1 });
  }

  /** Takes one use of the first rule matching the call, if any. */
  take(method: string, path: string): InjectedFailure | undefined {
    const index = this.rules.findIndex((r) => matchesRequest(r.rule, method, path));
    const active = this.rules[index];
    if (active === undefined) return undefined;
    active.remaining -= 1;
    if (active.remaining <= 0) this.rules.splice(index, 1);
    const given = active.rule.error;
    const error: GraphErrorSpec =
      given?.code === undefined
        ? { ...DEFAULT_ERROR, ...given }
        : { type: 'OAuthException', message: `(#${given.code}) Injected error`, ...given, code: given.code };
    const status = active.rule.status ?? (error.code === 1 || error.code === 2 ? 500 : 400);
    return { status, error, reset: active.rule.reset === true, delayMs: active.rule.delayMs };
  }

  /** Sets the latency of every call (no `match`), or of matching calls (later rules win); `delay(0)` clears all. */
  delay(ms: number, match?: RequestMatch): void {
    if (match === undefined) {
      this.latencyMs = ms;
      if (ms === 0) this.latencyRules.length = 0;
    } else this.latencyRules.push({ match, ms });
  }

  /** The latency that applies to a call. */
  latencyFor(method: string, path: string): number {
    for (let i = this.latencyRules.length - 1; i >= 0; i--) {
      const rule = this.latencyRules[i];
      if (rule !== undefined && matchesRequest(rule.match, method, path)) return rule.ms;
    }
    return this.latencyMs;
  }

  /** Number of failures still queued (summed over rules). */
  get pending(): number {
    return this.rules.reduce((sum, r) => sum + r.remaining, 0);
  }

  /** Drops every pending failure and latency setting (back to `latencyMs`). */
  clear(latencyMs: number): void {
    this.rules.length = 0;
    this.latencyRules.length = 0;
    this.latencyMs = latencyMs;
  }
}
