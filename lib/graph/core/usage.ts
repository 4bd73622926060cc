import type { TransportHeaders } from './transport.js';

/** Parses a `Retry-After` header (seconds or an HTTP date) into milliseconds from `now`; undefined when absent. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Reads `estimated_time_to_regain_access` (minutes) from an `X-Business-Use-Case-Usage` header and returns the
 * largest value in milliseconds; undefined when the header is absent, malformed or reports no wait.
 */
export function parseBusinessUseCaseWait(value: string | null): number | undefined {
  if (value === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  let minutes = 0;
  for (const entries of Object.values(parsed)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries as unknown[]) {
      if (typeof entry !== 'object' || entry === null) continue;
      const wait = (entry as Record<string, unknown>)['estimated_time_to_regain_access'];
      const n = typeof wait === 'number' ? wait : typeof wait === 'string' ? Number(wait) : NaN;
      if (Number.isFinite(n) && n > minutes) minutes = n;
    }
  }
  return minutes > 0 ? minutes * 60_000 : undefined;
}

/** The wait a response asks for: the larger of `Retry-After` and the business-use-case estimate, if any. */
export function waitFromHeaders(headers: TransportHeaders, now: number = Date.now()): number | undefined {
  const a = parseRetryAfter(headers.get('retry-after'), now);
  const b = parseBusinessUseCaseWait(headers.get('x-business-use-case-usage'));
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}
