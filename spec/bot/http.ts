import { request } from 'node:http';
import { signBody, SIGNATURE_HEADER } from '../../lib/webhook/index.js';

/** The app secret the specs' bots use. */
export const SECRET = 'app-secret';

/** A status and body text. */
export interface Answer {
  status: number;
  text: string;
}

/** A plain node:http request (not fetch, which nock intercepts process-wide once another spec loads it). */
export function send(
  url: string,
  method: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A POST signed with `secret` (default the test app secret). */
export function post(url: string, body: unknown, secret = SECRET): Promise<Answer> {
  const raw = JSON.stringify(body);
  return send(
    url,
    'POST',
    { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(raw, secret) },
    raw,
  );
}
