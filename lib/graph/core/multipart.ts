import { randomBytes } from 'node:crypto';

/** A file to upload: its bytes, the name Graph records, and its media type (default by extension). */
export interface FilePart {
  data: Uint8Array;
  filename: string;
  contentType?: string;
}

/**
 * A `multipart/form-data` request: fields (strings as they are, other values as JSON, as Graph reads them;
 * undefined ones left out) and one file part.
 */
export interface MultipartForm {
  fields: Readonly<Record<string, unknown>>;
  /** The file, sent in the part Graph reads uploads from (`filedata`). */
  file: FilePart;
}

const TYPES_BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  pdf: 'application/pdf',
  txt: 'text/plain',
};

/** The media type of a file: the one given, else one guessed from the extension, else octet-stream. */
export function contentTypeOf(file: FilePart): string {
  if (file.contentType !== undefined) return file.contentType;
  const extension = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase();
  return (extension === undefined ? undefined : TYPES_BY_EXTENSION[extension]) ?? 'application/octet-stream';
}

/** A header value may not break out of its quotes or line: quotes, backslashes and line breaks are replaced. */
function quoted(value: string): string {
  return `"${value.replace(/["\\\r\n]/g, '_')}"`;
}

/**
 * Encodes a form as `multipart/form-data` (RFC 7578) with a random boundary, the file part last and named
 * `filedata`. Returns the body and the `content-type` header that names the boundary.
 */
export function encodeMultipart(form: MultipartForm): { body: Buffer; contentType: string } {
  const boundary = `messenger-rx-${randomBytes(16).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(form.fields)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${text}\r\n`),
    );
  }
  const { file } = form;
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="filedata"; filename=${quoted(file.filename)}\r\n` +
        `Content-Type: ${contentTypeOf(file).replace(/[\r\n]/g, '')}\r\n\r\n`,
    ),
    Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
