import * as t from 'io-ts';

/** A person or account on either side of a messaging item: a PSID / IGSID / page id, or a chat-plugin `user_ref`. */
export const ParticipantC = t.union(
  [t.type({ id: t.string }), t.type({ user_ref: t.string })],
  '{ id: string } | { user_ref: string }',
);

/** Who sent or received a messaging item: `{ id }` (PSID, IGSID, page or IG account id) or `{ user_ref }`. */
export type Participant = t.TypeOf<typeof ParticipantC>;

/** An id Meta documents as a Number in some payloads and a string in others; accepted as either, never coerced. */
export const NumberOrStringC = t.union([t.number, t.string], 'number | string');

/** True for a non-negative integer, or a string holding only decimal digits. */
function integerOrDigits(u: unknown): number | undefined {
  if (typeof u === 'number') return Number.isInteger(u) ? u : undefined;
  if (typeof u === 'string' && /^\s*\d+\s*$/.test(u)) return Number(u);
  return undefined;
}

/**
 * An integer that Meta sometimes sends as a numeric string (e.g. `num_edit`): decodes both to a `number`.
 * Its `is` accepts only numbers, so a string takes the slower `decode` path, which converts it.
 */
export const IntegerFromInputC = new t.Type<number, number, unknown>(
  'integer | numeric string',
  (u): u is number => typeof u === 'number' && Number.isInteger(u),
  (u, c) => {
    const n = integerOrDigits(u);
    return n === undefined ? t.failure(u, c) : t.success(n);
  },
  (a) => a,
);

/**
 * Builds an object codec with required and optional properties (both non-strict, so unknown keys pass through);
 * an optional property may also be `null`, taken as absent ({@link optionalProps}).
 */
export function withOptional<R extends t.Props, O extends t.Props>(
  required: R,
  optional: O,
  name: string,
): t.IntersectionC<[t.TypeC<R>, ReturnType<typeof optionalProps<O>>]> {
  return t.intersection([t.type(required), optionalProps(optional)], name);
}

/**
 * `codec`, or `null` taken as absent: Meta fills some optional fields with `null` (an echoed template's `url`, a
 * handover's `metadata`). Its `is` is the codec's own, so clean items keep the decoder's no-copy path; only an
 * object holding a `null` goes through `decode`, which gives a copy whose field is `undefined` (the raw item keeps
 * its `null`).
 */
export function nullAsAbsent<C extends t.Mixed>(
  codec: C,
): t.Type<t.TypeOf<C> | undefined, t.OutputOf<C>, unknown> {
  // A codec that takes null itself (`X | null`) keeps its null, and its own issue paths.
  if (codec.is(null)) return codec;
  return new t.Type<t.TypeOf<C> | undefined, t.OutputOf<C>, unknown>(
    codec.name,
    codec.is,
    (u, c) => (u === null ? t.success(undefined) : codec.validate(u, c)),
    codec.encode,
  );
}

/** The optional-property codec every event codec uses: `t.partial` whose fields also take `null` as absent. */
export function optionalProps<P extends t.Props>(
  props: P,
  name?: string,
): t.PartialC<{ [K in keyof P]: t.Type<t.TypeOf<P[K]>, t.OutputOf<P[K]>, unknown> }> {
  const lenient: Record<string, t.Mixed> = {};
  for (const key of Object.keys(props)) lenient[key] = nullAsAbsent(props[key] as t.Mixed);
  return t.partial(lenient, name) as unknown as t.PartialC<{
    [K in keyof P]: t.Type<t.TypeOf<P[K]>, t.OutputOf<P[K]>, unknown>;
  }>;
}

/** True for a string of decimal digits, optionally with a fraction, as the App Dashboard sends times (no regex: hot path). */
function isNumericString(u: unknown): u is string {
  if (typeof u !== 'string' || u.length === 0 || u.length > 20) return false;
  let dot = false;
  for (let i = 0; i < u.length; i++) {
    const c = u.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c !== 46 || dot || i === 0 || i === u.length - 1) return false;
    dot = true;
  }
  return true;
}

/**
 * A webhook time as Meta sends it: epoch milliseconds or seconds, as a number or a numeric string (the App
 * Dashboard "Test" button). Accepted as is; the decoder converts it with {@link timeMs}.
 */
export const TimeC = new t.Type<number | string, number | string, unknown>(
  'epoch time (number or numeric string)',
  (u): u is number | string => (typeof u === 'number' && Number.isFinite(u)) || isNumericString(u),
  (u, c) =>
    (typeof u === 'number' && Number.isFinite(u)) || isNumericString(u) ? t.success(u) : t.failure(u, c),
  (a) => a,
);

/** Below this a time is taken as seconds (1e11 ms is March 1973; 1e11 s is the year 5138). */
const SECONDS_BELOW = 1e11;

/**
 * Converts a time as Meta sends it ({@link TimeC}: ms or seconds, number or numeric string) to epoch
 * milliseconds; `undefined` for anything else.
 */
export function timeMs(u: unknown): number | undefined {
  const n = typeof u === 'number' ? u : isNumericString(u) ? Number(u) : Number.NaN;
  if (n !== n || n === Infinity || n === -Infinity) return undefined;
  return n < SECONDS_BELOW ? Math.round(n * 1000) : n;
}

/**
 * A time that must come out as a number (a read or delivery `watermark`): numbers pass as they are; a numeric
 * string (App Dashboard test payloads) takes the `decode` path and becomes epoch ms ({@link timeMs}).
 */
export const TimeNumberC = new t.Type<number, number, unknown>(
  'epoch time (number or numeric string)',
  (u): u is number => typeof u === 'number' && Number.isFinite(u),
  (u, c) => {
    if (typeof u === 'number' && Number.isFinite(u)) return t.success(u);
    const ms = typeof u === 'string' ? timeMs(u) : undefined;
    return ms === undefined ? t.failure(u, c) : t.success(ms);
  },
  (a) => a,
);
