/** The placeholder that replaces a secret in anything the client reports. */
export const REDACTED = '[redacted]';

const GENERIC_PATTERNS: readonly RegExp[] = [
  /((?:access_token|appsecret_proof|client_secret|verify_token)=)[^&\s"'#]+/gi,
  /((?:access_token|appsecret_proof|client_secret|verify_token)"?\s*:\s*")[^"]*/gi,
  /(\b(?:Bearer|OAuth)\s+)[A-Za-z0-9._|~+/=-]+/gi,
  /(\b\d{5,}\|)[A-Za-z0-9_-]{8,}/g, // app access tokens: APPID|SECRET
];

/** A function that removes secrets from text before it reaches an error message, a stack or a log. */
export type Redactor = (text: string) => string;

/**
 * Builds a redactor that replaces every given secret (access tokens, app secret, proofs) and anything shaped
 * like `access_token=...`, `Bearer ...` or an `APPID|SECRET` app token.
 */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const known = new Set<string>();
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 4) continue;
    known.add(secret);
    // An app token is `APPID|SECRET`: the part after the bar is the app secret itself.
    const bar = secret.indexOf('|');
    if (bar >= 0 && secret.length - bar > 4) known.add(secret.slice(bar + 1));
    // Tokens may appear URL-encoded in URLs kept by lower layers.
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) known.add(encoded);
  }
  const ordered = [...known].sort((a, b) => b.length - a.length);
  return (text: string): string => {
    let out = text;
    for (const secret of ordered) out = out.split(secret).join(REDACTED);
    for (const pattern of GENERIC_PATTERNS) out = out.replace(pattern, `$1${REDACTED}`);
    return out;
  };
}

/**
 * Copies an error (and its `cause` chain) with every message and stack passed through the redactor, keeping
 * `name` and `code`; used for failures thrown by the transport, whose messages can carry the request URL.
 */
export function redactError(error: unknown, redact: Redactor, depth = 0): Error {
  if (!(error instanceof Error)) {
    return new Error(redact(typeof error === 'string' ? error : String(error)));
  }
  const copy = new Error(redact(error.message));
  copy.name = error.name;
  copy.stack = error.stack === undefined ? undefined : redact(error.stack);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') {
    Object.defineProperty(copy, 'code', { value: code, enumerable: true });
  }
  if (error.cause !== undefined && depth < 5) {
    Object.defineProperty(copy, 'cause', {
      value: redactError(error.cause, redact, depth + 1),
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}
