/** One requested field of a Graph `fields` parameter, e.g. `mentioned_comment.comment_id(1){text,id}`. */
export interface FieldRequest {
  readonly name: string;
  /** Modifiers written as `.name(value)`, e.g. `{ comment_id: '1' }`. */
  readonly modifiers: Readonly<Record<string, string>>;
  /** Nested fields in `{...}`, or undefined when none were given. */
  readonly subfields: readonly FieldRequest[] | undefined;
}

/** Splits `s` on commas that are not inside `()` or `{}`. */
function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function parseOne(spec: string): FieldRequest {
  let rest = spec;
  let subfields: FieldRequest[] | undefined;
  const brace = rest.indexOf('{');
  if (brace >= 0 && rest.endsWith('}')) {
    subfields = parseFields(rest.slice(brace + 1, -1));
    rest = rest.slice(0, brace);
  }
  const [name = '', ...mods] = rest.split('.');
  const modifiers: Record<string, string> = {};
  for (const mod of mods) {
    const m = /^([A-Za-z_]+)\((.*)\)$/.exec(mod);
    if (m?.[1] !== undefined) modifiers[m[1]] = m[2] ?? '';
  }
  return { name: name.trim(), modifiers, subfields };
}

/** Parses Graph's field expansion syntax (`a,b.limit(2){c,d}`) into a tree. */
export function parseFields(fields: string): FieldRequest[] {
  return splitTopLevel(fields).map(parseOne);
}
