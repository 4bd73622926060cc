import * as t from 'io-ts';

/** The path of an io-ts failure, e.g. `channelData.quick_replies[0].title`, skipping union and intersection members. */
function pathOf(context: t.Context, root: string): string {
  let path = root;
  for (let index = 1; index < context.length; index += 1) {
    const parent = context[index - 1]?.type;
    const entry = context[index];
    if (entry === undefined) continue;
    if (parent instanceof t.ArrayType) path += `[${entry.key}]`;
    else if (parent instanceof t.InterfaceType || parent instanceof t.PartialType) path += `.${entry.key}`;
  }
  return path;
}

/** Describes the first failure of a decode: where (a readable path under `root`), what was expected, what came. */
export function firstIssue(errors: t.Errors, root: string): { path: string; message: string } {
  const error = errors[0];
  if (error === undefined) return { path: root, message: 'invalid value' };
  const expected = error.context[error.context.length - 1]?.type.name ?? 'a valid value';
  const got =
    error.value === undefined ? 'undefined' : Array.isArray(error.value) ? 'array' : typeof error.value;
  return { path: pathOf(error.context, root), message: `expected ${expected}, got ${got}` };
}
