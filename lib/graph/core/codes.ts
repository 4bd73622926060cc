/**
 * Graph error codes that mean "wait and try again": unknown/service errors (1, 2), throttling (4, 17, 32, 341, 613),
 * Messenger's temporary send failure (1200) and the business-use-case throttles (80000-80009, 80014).
 */
export const TRANSIENT_CODES: ReadonlySet<number> = new Set([
  1, 2, 4, 17, 32, 341, 613, 1200, 80000, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80009, 80014,
]);

/**
 * Graph error codes that a retry cannot fix: bad parameters (100), tokens (190, 102), permissions (3, 10, 200-299),
 * policy blocks (368), unavailable recipients (551), duplicates (506) and reply restrictions (10900, 10903, 2022).
 */
export const PERMANENT_CODES: ReadonlySet<number> = new Set([
  3, 10, 100, 102, 190, 368, 506, 551, 2022, 10900, 10903, 1609005,
]);

/** True when a Graph error code is one Meta documents as permanent (including the 200-299 permission range). */
export function isPermanentCode(code: number): boolean {
  return PERMANENT_CODES.has(code) || (code >= 200 && code <= 299);
}

/**
 * True when a Graph error (code and HTTP status) is worth retrying: a documented transient or throttling code,
 * or an undocumented code answered with a 5xx status. Permanent codes are never retried.
 */
export function isTransientGraphError(code: number, status: number | undefined): boolean {
  if (isPermanentCode(code)) return false;
  if (TRANSIENT_CODES.has(code)) return true;
  return status !== undefined && status >= 500;
}
