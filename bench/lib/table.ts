/** The result rows every benchmark section produces, and the one table the runner prints. */

/** One line of the results table; `met` is null for figures that carry no target. */
export interface Row {
  metric: string;
  floor: string;
  bot: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

/** What one benchmark section returns: its table rows and its raw figures for results.json. */
export interface SectionResult {
  rows: Row[];
  data: unknown;
}

/** Formats a number with the given decimals, or `n/a` when it is not finite. */
export function fmt(value: number | null | undefined, decimals = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(decimals);
}

/** Formats a ratio as `0.87x`, or `n/a`. */
export function fmtRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a';
}

function metText(met: boolean | null): string {
  if (met === null) return '';
  return met ? 'yes' : 'NO';
}

/** Renders the rows as a Markdown table (so the README can quote it as printed). */
export function renderTable(rows: readonly Row[]): string {
  const header = ['metric', 'floor', 'messenger-rx', 'ratio', 'target', 'met'];
  const cells = rows.map((r) => [r.metric, r.floor, r.bot, r.ratio, r.target, metText(r.met)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]): string =>
    `| ${c.map((v, i) => (i === 0 || i === 4 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 || i === 4 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}
