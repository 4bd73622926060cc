import * as t from 'io-ts';

/** Something in a webhook body that did not decode: where, what was expected, what came (short JSON). */
export interface DecodeIssue {
  /** Where in the body, e.g. `entry[0].messaging[2].message.attachments[0].payload` (`$` for the body itself). */
  path: string;
  /** What the decoder expected there, e.g. `string` or `Envelope`. */
  expected: string;
  /** What was there, as JSON truncated to about 80 characters. */
  got: string;
  /** One readable sentence combining the three. */
  message: string;
}

const MAX_GOT = 80;

/**
 * A value as JSON text, and never an exception: `undefined`, functions, cycles, throwing getters and revoked
 * proxies fall back to a tag such as `[object Object]`, then to `[unreadable value]`.
 */
export function jsonOf(value: unknown): string {
  try {
    return value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return '[unreadable value]';
    }
  }
}

/** Renders a value as short JSON for an issue (see {@link jsonOf}), at most ~80 characters. */
export function renderValue(value: unknown): string {
  const text = jsonOf(value);
  return text.length > MAX_GOT ? `${text.slice(0, MAX_GOT - 1)}…` : text;
}

/** The issue for a value whose reading threw (a getter, a Proxy trap): the error's message, never a rethrow. */
export function thrownIssue(path: string, got: unknown, error: unknown): DecodeIssue {
  let reason: string;
  try {
    reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    reason = 'an unprintable exception';
  }
  return makeIssue(path, 'a readable value', got, `reading it threw ${reason}`);
}

/** Builds an issue from its parts. */
export function makeIssue(path: string, expected: string, got: unknown, note?: string): DecodeIssue {
  const rendered = renderValue(got);
  const at = path === '' ? '$' : path;
  const message = `${at}: expected ${expected}, got ${rendered}${note === undefined ? '' : ` (${note})`}`;
  return { path: at, expected, got: rendered, message };
}

/** Appends a property name or array index to a path. */
export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number' || /^\d+$/.test(key)) return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** True for a union of exactly one codec and `null` / `undefined`. */
function isNullable(union: t.UnionType<t.Mixed[]>): boolean {
  const others = union.types.filter((m) => !(m instanceof t.NullType || m instanceof t.UndefinedType));
  return others.length === 1 && others.length < union.types.length;
}

interface Located {
  path: string;
  expected: string;
  got: unknown;
}

/** Where one io-ts error points: intersection / union member indexes are dropped; a union stops the walk. */
function locate(basePath: string, error: t.ValidationError): Located {
  const context = error.context;
  let path = basePath;
  let expected = context[context.length - 1]?.type.name ?? 'valid value';
  let got: unknown = error.value;
  for (let i = 1; i < context.length; i++) {
    const parent = context[i - 1];
    const entry = context[i];
    if (parent === undefined || entry === undefined) break;
    if (parent.type instanceof t.UnionType) {
      // A nullable codec (`X | null`) given a non-null value: look inside X rather than stop at the union.
      if (parent.actual !== null && parent.actual !== undefined && isNullable(parent.type)) continue;
      expected = parent.type.name;
      got = parent.actual;
      break;
    }
    if (parent.type instanceof t.IntersectionType) continue;
    path = joinPath(path, parent.type instanceof t.ArrayType ? Number(entry.key) : entry.key);
  }
  return { path, expected, got };
}

/**
 * Turns io-ts errors into one issue about the first bad field (a failing union is reported at the union);
 * the message counts the other bad places, if any.
 */
export function issueFromErrors(basePath: string, errors: t.Errors): DecodeIssue {
  const first = errors[0];
  if (first === undefined) return makeIssue(basePath, 'valid value', undefined);
  const located = locate(basePath, first);
  const others = new Set<string>();
  for (let i = 1; i < errors.length; i++) {
    const error = errors[i];
    if (error === undefined || error.context[error.context.length - 1]?.type instanceof t.NullType) continue;
    const path = locate(basePath, error).path;
    if (path !== located.path) others.add(path);
  }
  const n = others.size;
  const note =
    n === 0 ? undefined : `${n} more problem${n > 1 ? 's' : ''}: ${[...others].slice(0, 3).join(', ')}`;
  return makeIssue(located.path, located.expected, located.got, note);
}
