/**
 * The floor: a bare node:http webhook that reads the body as Buffers, checks the HMAC with timingSafeEqual,
 * JSON.parses it, answers 200, then sends one fetch echo per text message to the stub Graph API (not awaited
 * on the request path, under the same concurrency cap as the bot). Run as a child of the bench runner.
 * With `--send=http` it echoes over `node:http` with a keep-alive agent instead of `fetch`: the stricter floor the
 * ingest section also compares against, since the Bot's Graph client sends that way.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACCESS_TOKEN, APP_SECRET, GRAPH_VERSION, SEND_CONCURRENCY } from '../lib/config.js';
import { argOf } from '../lib/args.js';
import { serveChild } from '../lib/ipc.js';
import { Limiter } from '../lib/limiter.js';

const graph = argOf('graph') ?? 'http://127.0.0.1:1';
const sendUrl = `${graph}/${GRAPH_VERSION}/me/messages?access_token=${ACCESS_TOKEN}`;
const MAX_BODY = 4 * 1024 * 1024;
const overHttp = argOf('send') === 'http';
const limiter = new Limiter(SEND_CONCURRENCY);
let sent = 0;
let failed = 0;

interface Item {
  sender?: { id?: string };
  message?: { text?: string; is_echo?: boolean };
}

const agent = new Agent({ keepAlive: true });

/** One echo over node:http; resolves once the stub's answer has been read. */
function echoOverHttp(body: string): Promise<void> {
  return new Promise((resolve) => {
    const fail = (): void => {
      failed++;
      resolve();
    };
    const req = request(
      sendUrl,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          try {
            JSON.parse(Buffer.concat(chunks).toString('utf8'));
            if (status >= 200 && status < 300) sent++;
            else failed++;
          } catch {
            failed++;
          }
          resolve();
        });
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

async function echo(recipient: string, text: string): Promise<void> {
  if (overHttp) {
    const body = JSON.stringify({
      recipient: { id: recipient },
      messaging_type: 'RESPONSE',
      message: { text },
    });
    return echoOverHttp(body);
  }
  try {
    const response = await fetch(sendUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { id: recipient }, messaging_type: 'RESPONSE', message: { text } }),
    });
    await response.json();
    if (response.ok) sent++;
    else failed++;
  } catch {
    failed++;
  }
}

function end(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(body);
}

function verified(body: Buffer, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', APP_SECRET).update(body).digest();
  const got = Buffer.from(header.slice('sha256='.length), 'hex');
  return got.length === expected.length && timingSafeEqual(got, expected);
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'POST') {
    end(res, 405, 'Method Not Allowed');
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY) chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > MAX_BODY) return end(res, 413, 'Payload Too Large');
    const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
    if (!verified(body, req.headers['x-hub-signature-256'])) return end(res, 403, 'Forbidden');
    let json: { entry?: { messaging?: Item[] }[] };
    try {
      json = JSON.parse(body.toString('utf8')) as typeof json;
    } catch {
      return end(res, 400, 'Bad Request');
    }
    end(res, 200, 'EVENT_RECEIVED');
    for (const entry of json.entry ?? []) {
      for (const item of entry.messaging ?? []) {
        const text = item.message?.text;
        const sender = item.sender?.id;
        if (typeof text === 'string' && typeof sender === 'string' && item.message?.is_echo !== true) {
          limiter.run(() => echo(sender, text));
        }
      }
    }
  });
}

const server = createServer(handle);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  serveChild(port, { stats: () => ({ sent, failed, queued: limiter.size }) });
});
