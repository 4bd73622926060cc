import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { listen, type Running } from './helpers.js';

function headersOf(headers: IncomingHttpHeaders): Headers {
  const out = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) out.append(name, one);
  }
  return out;
}

/**
 * Serves a Fetch API handler on a loopback port the way Fetch runtimes do: each node request becomes a
 * `Request` whose body streams the bytes as they arrive (Node's own `Request`, `Readable.toWeb`), and the
 * `Response` is written back. So the shared adapter rules run against `fetchWebhook` and Hono over real HTTP.
 */
export function serveFetch(handler: (request: Request) => Promise<Response>): Promise<Running> {
  return listen((req, res) => {
    const method = req.method ?? 'GET';
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
      method,
      headers: headersOf(req.headers),
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
    } as RequestInit);
    handler(request)
      .then(async (response) => {
        const body = Buffer.from(await response.arrayBuffer());
        if (res.destroyed) return;
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(body);
      })
      .catch(() => res.destroy());
  });
}
