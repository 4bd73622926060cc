/**
 * A small, strict `multipart/form-data` parser (RFC 7578 over RFC 2046) for the emulated Graph API, which
 * takes file uploads the way Graph does: a file part named `filedata`, the other parameters as form fields.
 * Anything malformed answers Graph's `(#100)` error (HTTP 400), as an invalid JSON body does.
 */
import { createHash } from 'node:crypto';
import { invalidParameter, type GraphFault } from './errors.js';
import type { UploadedFile } from './records.js';

/** A form field: a part without a `filename`, its content decoded as UTF-8. */
export interface MultipartField {
  readonly kind: 'field';
  readonly name: string;
  readonly value: string;
}

/** A file part: a part whose Content-Disposition has a `filename` (or `filename*`), its bytes as sent. */
export interface MultipartFile {
  readonly kind: 'file';
  readonly name: string;
  readonly filename: string;
  /** The part's Content-Type as sent (parameters included), or undefined when the part has none. */
  readonly contentType: string | undefined;
  readonly data: Buffer;
}

/** One part of a `multipart/form-data` body. */
export type MultipartPart = MultipartField | MultipartFile;

const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;
const CRLF = Buffer.from('\r\n', 'latin1');
const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
/** RFC 2046 `boundary`: 1 to 70 `bchars`, not ending with a space. */
const BOUNDARY_RE = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;
const HEADER_LINE_RE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;

function malformed(reason: string): GraphFault {
  return invalidParameter(`Invalid multipart/form-data body: ${reason}`);
}

/** A header value split into its lower-cased main value and its parameters (names lower-cased). */
interface HeaderValue {
  readonly value: string;
  readonly params: ReadonlyMap<string, string>;
}

/** Parses `value; a=token; b="quoted \"string\""`; undefined when a quoted string is not closed. */
function parseHeaderValue(input: string): HeaderValue | undefined {
  const semi = input.indexOf(';');
  const value = (semi < 0 ? input : input.slice(0, semi)).trim().toLowerCase();
  const params = new Map<string, string>();
  let i = semi < 0 ? input.length : semi + 1;
  while (i < input.length) {
    while (i < input.length && (input[i] === ' ' || input[i] === '\t' || input[i] === ';')) i++;
    if (i >= input.length) break;
    let eq = i;
    while (eq < input.length && input[eq] !== '=' && input[eq] !== ';') eq++;
    const key = input.slice(i, eq).trim().toLowerCase();
    if (input[eq] !== '=') {
      i = eq;
      continue;
    }
    i = eq + 1;
    while (input[i] === ' ' || input[i] === '\t') i++;
    let paramValue = '';
    if (input[i] === '"') {
      i++;
      let closed = false;
      while (i < input.length) {
        const c = input[i] as string;
        if (c === '\\' && i + 1 < input.length) {
          paramValue += input[i + 1] as string;
          i += 2;
        } else if (c === '"') {
          closed = true;
          i++;
          break;
        } else {
          paramValue += c;
          i++;
        }
      }
      if (!closed) return undefined;
    } else {
      const end = input.indexOf(';', i);
      paramValue = input.slice(i, end < 0 ? input.length : end).trim();
      i = end < 0 ? input.length : end;
    }
    if (key.length > 0 && !params.has(key)) params.set(key, paramValue);
  }
  return { value, params };
}

/** Decodes an RFC 8187 extended value (`UTF-8''cat%20%F0%9F%98%80.png`); undefined when it is not one. */
function decodeExtendedValue(value: string): string | undefined {
  const m = /^([A-Za-z0-9!#$&+^_`{}~-]+)'[^']*'(.*)$/.exec(value);
  if (m === null) return undefined;
  const charset = (m[1] as string).toLowerCase();
  const encoded = m[2] as string;
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded.charCodeAt(i);
    if (c === 0x25) {
      const hex = encoded.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (c < 0x80) bytes.push(c);
    else return undefined;
  }
  return Buffer.from(bytes).toString(charset === 'utf-8' || charset === 'utf8' ? 'utf8' : 'latin1');
}

/**
 * The boundary of a `multipart/form-data` Content-Type (quoted or not), or a `(#100)` GraphFault when the
 * type is not `multipart/form-data` or has no valid boundary (1 to 70 RFC 2046 characters).
 */
export function multipartBoundary(contentType: string): string {
  const parsed = parseHeaderValue(contentType);
  if (parsed === undefined) throw malformed('the Content-Type header has an unterminated quoted string');
  if (parsed.value !== 'multipart/form-data') throw malformed('the Content-Type is not multipart/form-data');
  const boundary = parsed.params.get('boundary');
  if (boundary === undefined || boundary.length === 0) {
    throw malformed('the Content-Type header has no boundary parameter');
  }
  if (!BOUNDARY_RE.test(boundary)) {
    throw malformed("the boundary must be 1 to 70 characters of RFC 2046 (letters, digits, '()+_,-./:=? )");
  }
  return boundary;
}

/** A delimiter line found in the body. */
interface Delimiter {
  /** Index of the CRLF before `--boundary` (or 0 for a delimiter that starts the body). */
  readonly start: number;
  /** Index just after the delimiter line (after its CRLF, or after `--` for the closing delimiter). */
  readonly next: number;
  readonly closing: boolean;
}

/**
 * Whether `--boundary` at `at` is a real delimiter: followed by `--` (closing), or by optional transport
 * padding (spaces, tabs) and CRLF. Anything else (e.g. `--boundaryX`) is content that merely looks like one.
 */
function delimiterAt(body: Buffer, dashBoundary: Buffer, at: number, start: number): Delimiter | undefined {
  let i = at + dashBoundary.length;
  if (body[i] === DASH && body[i + 1] === DASH) return { start, next: i + 2, closing: true };
  while (body[i] === 0x20 || body[i] === 0x09) i++;
  if (body[i] === CR && body[i + 1] === LF) return { start, next: i + 2, closing: false };
  return undefined;
}

/** The next delimiter preceded by CRLF at or after `from`, skipping look-alikes; undefined when none. */
function nextDelimiter(body: Buffer, dashBoundary: Buffer, from: number): Delimiter | undefined {
  const needle = Buffer.concat([CRLF, dashBoundary]);
  for (let at = body.indexOf(needle, from); at >= 0; at = body.indexOf(needle, at + 1)) {
    const found = delimiterAt(body, dashBoundary, at + CRLF.length, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

function parseHeaders(block: string, index: number): Map<string, string> {
  const headers = new Map<string, string>();
  if (block.length === 0) return headers;
  for (const line of block.split('\r\n')) {
    const m = HEADER_LINE_RE.exec(line);
    if (m === null) throw malformed(`part ${index} has a malformed header line`);
    const name = (m[1] as string).toLowerCase();
    if (headers.has(name)) throw malformed(`part ${index} has more than one ${m[1] as string} header`);
    headers.set(name, m[2] as string);
  }
  return headers;
}

function parsePart(part: Buffer, index: number): MultipartPart {
  let headerBlock: string;
  let content: Buffer;
  if (part[0] === CR && part[1] === LF) {
    headerBlock = '';
    content = part.subarray(2);
  } else {
    const end = part.indexOf(HEADER_END);
    if (end < 0) throw malformed(`part ${index} has no blank line between its headers and its content`);
    headerBlock = part.subarray(0, end).toString('utf8');
    content = part.subarray(end + HEADER_END.length);
  }
  const headers = parseHeaders(headerBlock, index);
  const dispositionHeader = headers.get('content-disposition');
  if (dispositionHeader === undefined) throw malformed(`part ${index} has no Content-Disposition header`);
  const disposition = parseHeaderValue(dispositionHeader);
  if (disposition === undefined || disposition.value !== 'form-data') {
    throw malformed(`part ${index} must have Content-Disposition: form-data`);
  }
  const name = disposition.params.get('name');
  if (name === undefined || name.length === 0) {
    throw malformed(`part ${index} has no name in its Content-Disposition`);
  }
  const extended = disposition.params.get('filename*');
  const filename =
    (extended !== undefined ? decodeExtendedValue(extended) : undefined) ??
    disposition.params.get('filename');
  if (filename === undefined) return { kind: 'field', name, value: content.toString('utf8') };
  return { kind: 'file', name, filename, contentType: headers.get('content-type'), data: content };
}

/**
 * Parses a `multipart/form-data` body: the boundary from `contentType`, an optional preamble, parts split on
 * `--boundary` delimiter lines (a CRLF, `--boundary`, optional padding, CRLF; content that only looks like a
 * delimiter stays content), each part's headers (`Content-Disposition` name / filename, `Content-Type`), up
 * to the closing `--boundary--` (the epilogue after it is ignored). Fields are UTF-8 strings, files Buffers
 * that share memory with `body`. Throws a `(#100)` GraphFault (HTTP 400) with the reason when malformed.
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = multipartBoundary(contentType);
  const dashBoundary = Buffer.from(`--${boundary}`, 'latin1');
  const atStart = body.subarray(0, dashBoundary.length).equals(dashBoundary)
    ? delimiterAt(body, dashBoundary, 0, 0)
    : undefined;
  const first = atStart ?? nextDelimiter(body, dashBoundary, 0);
  if (first === undefined) {
    throw malformed(`the body has no --${boundary} delimiter line (the boundary of the Content-Type)`);
  }
  const parts: MultipartPart[] = [];
  let delimiter = first;
  while (!delimiter.closing) {
    const next = nextDelimiter(body, dashBoundary, delimiter.next);
    if (next === undefined) throw malformed(`the closing delimiter --${boundary}-- is missing`);
    parts.push(parsePart(body.subarray(delimiter.next, next.start), parts.length + 1));
    delimiter = next;
  }
  return parts;
}

/** What the emulator keeps of a file part: never its bytes, only its name, type, size and SHA-256. */
export function describeFile(file: MultipartFile): UploadedFile {
  return {
    filename: file.filename,
    ...(file.contentType !== undefined ? { contentType: file.contentType } : {}),
    size: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'),
  };
}
