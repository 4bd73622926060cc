import { isRight } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { AppUsage, BusinessUseCaseUsageEntry } from './codecs.js';
import type { BusinessUseCaseUsage } from './codecs.js';
import type { HttpMethod } from './errors.js';
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

/** A header's JSON, or undefined when it is absent or not JSON. */
function headerJson(value: string | null): unknown {
  if (value === null) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Decodes an `X-Business-Use-Case-Usage` header entry by entry, so one odd entry does not hide the others (nor
 * the wait they ask for); undefined when the header is absent or not a JSON object.
 */
function businessUseCaseUsage(value: string | null): BusinessUseCaseUsage | undefined {
  const json = headerJson(value);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const usage: Record<string, BusinessUseCaseUsageEntry[]> = {};
  for (const [id, entries] of Object.entries(json)) {
    if (!Array.isArray(entries)) continue;
    usage[id] = entries.flatMap((entry: unknown) => {
      const decoded = BusinessUseCaseUsageEntry.decode(entry);
      return isRight(decoded) ? [decoded.right] : [];
    });
  }
  return usage;
}

/**
 * Reads `estimated_time_to_regain_access` (minutes) from an `X-Business-Use-Case-Usage` header and returns the
 * largest value in milliseconds; undefined when the header is absent, malformed or reports no wait.
 */
export function parseBusinessUseCaseWait(value: string | null): number | undefined {
  let minutes = 0;
  for (const entries of Object.values(businessUseCaseUsage(value) ?? {})) {
    for (const entry of entries) minutes = Math.max(minutes, entry.estimated_time_to_regain_access ?? 0);
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

/**
 * What one Graph answer said about rate limits, from its usage headers: `app` (`X-App-Usage`), `page`
 * (`X-Page-Usage`, undocumented but sent) and `businessUseCase` (`X-Business-Use-Case-Usage`). A header that is
 * absent or does not decode is left out.
 */
export interface GraphUsage {
  method: HttpMethod;
  /** The call's path, without the query (so without the token). */
  path: string;
  status: number;
  app?: AppUsage;
  page?: AppUsage;
  businessUseCase?: BusinessUseCaseUsage;
  /** The highest percentage among all the figures (0 to 100 and beyond): one number to alert on. */
  highestPercent: number;
}

/** Called with the usage an answer reported; see {@link GraphUsage}. */
export type UsageListener = (usage: GraphUsage) => void;

function decodeHeader<A>(codec: t.Decoder<unknown, A>, value: string | null): A | undefined {
  const json = headerJson(value);
  if (json === undefined) return undefined;
  const decoded = codec.decode(json);
  return isRight(decoded) ? decoded.right : undefined;
}

function highest(...figures: (number | undefined)[]): number {
  let max = 0;
  for (const figure of figures) if (figure !== undefined && figure > max) max = figure;
  return max;
}

/** Reads the usage headers of an answer; undefined when it carries none that decode. */
export function readUsage(
  headers: TransportHeaders,
  call: { method: HttpMethod; path: string; status: number },
): GraphUsage | undefined {
  const app = decodeHeader(AppUsage, headers.get('x-app-usage'));
  const page = decodeHeader(AppUsage, headers.get('x-page-usage'));
  const businessUseCase = businessUseCaseUsage(headers.get('x-business-use-case-usage'));
  if (app === undefined && page === undefined && businessUseCase === undefined) return undefined;
  let highestPercent = 0;
  for (const usage of [app, page]) {
    if (usage !== undefined) {
      highestPercent = highest(highestPercent, usage.call_count, usage.total_time, usage.total_cputime);
    }
  }
  for (const entries of Object.values(businessUseCase ?? {})) {
    for (const e of entries) {
      highestPercent = highest(highestPercent, e.call_count, e.total_time, e.total_cputime);
    }
  }
  return {
    ...call,
    ...(app === undefined ? {} : { app }),
    ...(page === undefined ? {} : { page }),
    ...(businessUseCase === undefined ? {} : { businessUseCase }),
    highestPercent,
  };
}
