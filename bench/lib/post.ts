import { Agent, request } from 'node:http';
import { APP_SECRET, WEBHOOK_PATH } from './config.js';
import { monotonicMs } from './ipc.js';
import { signBody } from './sign.js';

/** The answer to one webhook POST and the monotonic time (ms) its status line arrived. */
export interface PostResult {
  status: number;
  answeredAtMs: number;
}

/** A keep-alive agent for the batch and memory POSTs. */
export function keepAliveAgent(maxSockets = 8): Agent {
  return new Agent({ keepAlive: true, maxSockets });
}

/**
 * Signs and POSTs one webhook body to the server's webhook path; `onSent` is called with the monotonic time
 * just before the request is written (after signing), and the promise resolves once the answer has been read.
 */
export function postWebhook(
  baseUrl: string,
  body: string,
  agent: Agent,
  onSent?: (atMs: number) => void,
): Promise<PostResult> {
  const bytes = Buffer.from(body, 'utf8');
  const signature = signBody(bytes, APP_SECRET);
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}${WEBHOOK_PATH}`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': bytes.length,
          'x-hub-signature-256': signature,
        },
      },
      (res) => {
        const answeredAtMs = monotonicMs();
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, answeredAtMs }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    onSent?.(monotonicMs());
    req.end(bytes);
  });
}
