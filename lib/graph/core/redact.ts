/** The placeholder that replaces a secret in anything the client reports. */
export const REDACTED = '[redacted]';

const GENERIC_PATTERNS: readonly RegExp[] = [
  /((?:access_token|appsecret_proof|client_secret|verify_token)=)[^&\s"'#]+/gi,
  /((?:access_token|appsecret_proof|client_secret|verify_token)"?\s*:\s*")[^"]*/gi,
  /(\b\d{5,}\|)[A-Za-z0-9_-]{8,}/g, // app access tokens: APPID|SECRET
];

/** A credential after an auth scheme name (`Bearer EAAB...`, `OAuth EAAB...`). */
const SCHEME_VALUE = /(\b(?:Bearer|OAuth)\s+)([A-Za-z0-9._|~+/=-]+)/gi;

/**
 * A plain word (`access`, `Exception`, `well-known`): what follows `OAuth` in Graph's own messages ("Invalid OAuth
 * access token"). Tokens have digits, inner capitals or punctuation, or are longer than any word.
 */
const PLAIN_WORD = /^[A-Za-z][a-z]{0,23}(?:-[a-z]{1,23})*$/;

/** Redacts the value after an auth scheme, unless it is a plain word of the sentence around it. */
function redactSchemeValue(text: string): string {
  return text.replace(SCHEME_VALUE, (whole: string, scheme: string, value: string) =>
    PLAIN_WORD.test(value) ? whole : `${scheme}${REDACTED}`,
  );
}

/** A function that removes secrets from text before it reaches an error message, a stack or a log. */
export type Redactor = (text: string) => string;

/**
 * Builds a redactor that replaces every given secret (access tokens, app secret, proofs) and anything shaped
 * like `access_token=...`, `Bearer <token>` or an `APPID|SECRET` app token. Only the values go: the words around
 * them stay ("Invalid OAuth access token" is left as Meta wrote it).
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
    return redactSchemeValue(out);
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
  if (error.stack === undefined) delete copy.stack;
  else copy.stack = redact(error.stack);
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
