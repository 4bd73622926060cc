import { readFileSync } from 'node:fs';

/** Reads a JSON webhook body from spec/fixtures (parsed fresh on every call). */
export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as unknown;
}

/** Returns the single element of a list, failing when there is not exactly one. */
export function only<T>(list: readonly T[]): T {
  if (list.length !== 1) throw new Error(`expected exactly one element, got ${list.length}`);
  return list[0] as T;
}
