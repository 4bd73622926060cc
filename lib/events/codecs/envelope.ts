import * as t from 'io-ts';
import { TimeC, nullAsAbsent } from './common.js';

/** The webhook body: `object` (page, instagram, user, permissions, payments, ...) and its `entry[]` (items unchecked). */
export const EnvelopeC = t.type({ object: t.string, entry: t.array(t.unknown) }, 'Envelope');

/** A decoded envelope. */
export type Envelope = t.TypeOf<typeof EnvelopeC>;

/** An entry id: a string, though a number is tolerated (and turned into a string). */
export const EntryIdC = t.union([t.string, t.number], 'string');

/**
 * One `entry[]` object: `id`, `time` (seconds or ms, number or numeric string) and its item lists. The lists are checked one by one by the decoder, so a
 * wrong `changes` does not lose the entry's `messaging`.
 */
export const EntryC = t.intersection(
  [
    t.type({ id: EntryIdC }),
    t.partial({
      time: nullAsAbsent(TimeC),
      uid: t.unknown,
      messaging: t.unknown,
      standby: t.unknown,
      changes: t.unknown,
      changed_fields: t.unknown,
    }),
  ],
  'Entry',
);

/** A decoded entry. */
export type Entry = t.TypeOf<typeof EntryC>;

/** An item list of an entry (`messaging`, `standby`, `changes`, `changed_fields`). */
export const ItemListC = t.array(t.unknown, 'Array');
