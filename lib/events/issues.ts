import * as t from 'io-ts';
import { jsonOf } from './json.js';

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

/** How {@link describeDecodeErrors} words its issues. */
export interface DescribeDecodeErrorsOptions {
  /**
   * Where the decoded value sits, put before every path: `channelData` gives `channelData.quick_replies[0].title`.
   * Default: none, the value itself (reported as `$`).
   */
  at?: string;
  /**
   * What `got` shows: `'json'` (default) the value as short JSON (`got 42`); `'type'` only its type (`got number`),
   * for values that may carry a secret, such as a Graph response with an access token.
   */
  values?: 'json' | 'type';
}

/** Renders a value as short JSON for an issue (see {@link jsonOf}), at most ~80 characters. */
function renderValue(value: unknown): string {
  const text = jsonOf(value);
  return text.length > MAX_GOT ? `${text.slice(0, MAX_GOT - 1)}…` : text;
}

/** The type of a value as an issue names it: `null`, `array`, or its `typeof`. */
function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
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

/** Builds an issue from its parts; `values: 'type'` shows only the type of `got`. */
export function makeIssue(
  path: string,
  expected: string,
  got: unknown,
  note?: string,
  values: 'json' | 'type' = 'json',
): DecodeIssue {
  const rendered = values === 'type' ? typeOfValue(got) : renderValue(got);
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
 * The places io-ts errors point at, first error first, one per path. The errors of the `null` branch of a
 * nullable union are left out after the first: they only repeat that the value was not null.
 */
function locateAll(basePath: string, errors: t.Errors): Located[] {
  const found = new Map<string, Located>();
  errors.forEach((error, i) => {
    if (i > 0 && error.context[error.context.length - 1]?.type instanceof t.NullType) return;
    const located = locate(basePath, error);
    if (!found.has(located.path)) found.set(located.path, located);
  });
  return [...found.values()];
}

/**
 * Turns the errors of an io-ts decode into readable issues, one per bad place, the first error's first: each
 * has a path such as `entry[0].messaging[1].message.text`, what was expected there and what came, and the
 * sentence `entry[0].messaging[1].message.text: expected string, got 42`. A failing union is reported at the
 * union (`expected (string | number)`), not at each of its members. Use it with any of our codecs:
 *
 * ```ts
 * const result = codecs.MessageC.decode(input);
 * if (result._tag === 'Left') console.warn(describeDecodeErrors(result.left).map((issue) => issue.message));
 * ```
 */
export function describeDecodeErrors(
  errors: t.Errors,
  options: DescribeDecodeErrorsOptions = {},
): DecodeIssue[] {
  const values = options.values ?? 'json';
  return locateAll(options.at ?? '', errors).map((place) =>
    makeIssue(place.path, place.expected, place.got, undefined, values),
  );
}

/**
 * Turns io-ts errors into one issue about the first bad field (a failing union is reported at the union);
 * the message counts the other bad places, if any.
 */
export function issueFromErrors(basePath: string, errors: t.Errors): DecodeIssue {
  const [first, ...others] = locateAll(basePath, errors);
  if (first === undefined) return makeIssue(basePath, 'valid value', undefined);
  const n = others.length;
  const note =
    n === 0
      ? undefined
      : `${n} more problem${n > 1 ? 's' : ''}: ${others
          .slice(0, 3)
          .map((place) => place.path)
          .join(', ')}`;
  return makeIssue(first.path, first.expected, first.got, note);
}
