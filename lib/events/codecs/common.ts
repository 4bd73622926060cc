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

/** Builds an object codec with required and optional properties (both non-strict, so unknown keys pass through). */
export function withOptional<R extends t.Props, O extends t.Props>(
  required: R,
  optional: O,
  name: string,
): t.IntersectionC<[t.TypeC<R>, t.PartialC<O>]> {
  return t.intersection([t.type(required), t.partial(optional)], name);
}
