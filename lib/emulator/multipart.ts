/**
 * `multipart/form-data` bodies of the emulated Graph API, which takes file uploads the way Graph does: a file
 * part named `filedata`, the other parameters as form fields. Node's own Fetch `Request` parses them; anything
 * it cannot parse answers Graph's `(#100)` error (HTTP 400), as an invalid JSON body does. The body has been read
 * within the server's body limit before it gets here.
 */
import { createHash } from 'node:crypto';
import { invalidParameter } from './errors.js';
import type { UploadedFile } from './records.js';

/** A form field: a part without a `filename`, its content decoded as UTF-8. */
export interface MultipartField {
  readonly kind: 'field';
  readonly name: string;
  readonly value: string;
}

/** A file part: a part whose Content-Disposition has a `filename`, its bytes as sent. */
export interface MultipartFile {
  readonly kind: 'file';
  readonly name: string;
  readonly filename: string;
  /** The part's Content-Type, lower-cased; `text/plain` when the part has none, as the Fetch standard reads it. */
  readonly contentType: string;
  readonly data: Buffer;
}

/** One part of a `multipart/form-data` body. */
export type MultipartPart = MultipartField | MultipartFile;

/**
 * Parses a `multipart/form-data` body with the boundary of `contentType`, in the order of its parts: fields as
 * UTF-8 strings, files as their bytes. Rejects with a `(#100)` GraphFault (HTTP 400) when the body is not one.
 */
export async function parseMultipart(body: Buffer, contentType: string): Promise<MultipartPart[]> {
  let form: FormData;
  try {
    const request = new Request('http://emulator.local/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    form = await request.formData();
  } catch {
    throw invalidParameter(
      'Invalid multipart/form-data body: it does not parse as RFC 7578 form data with the boundary of its ' +
        'Content-Type (CRLF line ends, a name in every Content-Disposition, a closing --boundary-- line)',
    );
  }
  const parts: MultipartPart[] = [];
  for (const [name, value] of form) {
    if (typeof value === 'string') parts.push({ kind: 'field', name, value });
    else {
      const data = Buffer.from(await value.arrayBuffer());
      parts.push({ kind: 'file', name, filename: value.name, contentType: value.type, data });
    }
  }
  return parts;
}

/** What the emulator keeps of a file part: never its bytes, only its name, type, size and SHA-256. */
export function describeFile(file: MultipartFile): UploadedFile {
  return {
    filename: file.filename,
    contentType: file.contentType,
    size: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'),
  };
}
