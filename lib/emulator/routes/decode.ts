import type * as t from 'io-ts';
import { invalidParameter } from '../errors.js';

function describePath(context: t.Context): string {
  const keys = context.map((c) => c.key).filter((k) => k !== '');
  const [head, ...rest] = keys;
  return `${head ?? 'params'}${rest.map((k) => `[${k}]`).join('')}`;
}

function readable(name: string | undefined): string {
  if (name === undefined) return 'a valid value';
  if (name.startsWith('Array<') || name === 'UnknownArray') return 'an array';
  if (name.includes('{') || name === 'UnknownRecord') return 'an object';
  return `a ${name.replace(/[()]/g, '').replace(/ \| /g, ' or ')}`;
}

/** Decodes Graph call parameters with `codec`, or throws Graph's `(#100) Param … must be …` error. */
export function decodeParams<A>(codec: t.Decoder<unknown, A>, params: unknown): A {
  const result = codec.decode(params);
  if (result._tag === 'Left') {
    const first = result.left[0];
    const where = first === undefined ? 'params' : describePath(first.context);
    const expected = readable(first?.context[first.context.length - 1]?.type.name);
    throw invalidParameter(`Param ${where} must be ${expected}`);
  }
  return result.right;
}
