import type { Readable } from 'node:stream';
import { headerValue } from './query.js';
import type { WebhookRequest } from './types.js';

/** The outcome of reading a request body: all bytes, over the limit, already consumed by someone else, or failed. */
export type BodyRead =
  | { kind: 'complete'; body: Buffer }
  | { kind: 'too-large' }
  | { kind: 'consumed' }
  | { kind: 'failed'; error: unknown };

/** True when the request declares a `Content-Length` above the limit, so it can be refused before reading. */
export function declaredTooLarge(headers: WebhookRequest['headers'], limit: number): boolean {
  const declared = headerValue(headers, 'content-length');
  if (declared === undefined || !/^\s*\d+\s*$/.test(declared)) return false;
  return Number(declared) > limit;
}

/**
 * Collects a request stream into one Buffer of exactly the bytes received (chunks are never joined as text).
 * Stops buffering as soon as the limit is exceeded; the rest of the stream is then discarded, not stored.
 */
export function readBody(stream: Readable, limit: number): Promise<BodyRead> {
  if (stream.readableEnded) return Promise.resolve({ kind: 'consumed' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyRead): void => {
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onFailure);
      stream.removeListener('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > limit) {
        chunks.length = 0;
        finish({ kind: 'too-large' });
        // Keep the socket flowing with no listener so the remainder is dropped, never buffered.
        stream.on('error', ignore);
        stream.resume();
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = (): void => finish({ kind: 'complete', body: Buffer.concat(chunks, size) });
    const onFailure = (error: unknown): void => finish({ kind: 'failed', error });
    const onClose = (): void => onFailure(new Error('the request closed before its body was complete'));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onFailure);
    stream.on('close', onClose);
    stream.resume();
  });
}

/** Swallows late stream errors (a client hanging up on a refused upload) so they never crash the process. */
function ignore(): void {}

/**
 * Reads a whole request body with {@link readBody} and resolves with its bytes (empty when the stream was already
 * consumed). Over the limit it rejects with `tooLarge()`, the rest of the stream being drained, never stored; a
 * failed stream rejects with the stream's error. For servers that answer their own 413 (the emulator, the
 * playground).
 */
export async function readBodyBytes(stream: Readable, limit: number, tooLarge: () => Error): Promise<Buffer> {
  const read = await readBody(stream, limit);
  switch (read.kind) {
    case 'complete':
      return read.body;
    case 'too-large':
      throw tooLarge();
    case 'failed':
      throw read.error;
    case 'consumed':
      return Buffer.alloc(0);
  }
}
