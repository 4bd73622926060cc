/**
 * The webhook relay: the emulator's users POST to the playground, which records the exact body in the feed and
 * passes it on to the bot with its signature untouched, then records the bot's answer. That is how the page
 * sees every webhook the user side sent (users, comments, mentions, anything a spec delivers) in true order.
 */
import { Agent, request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

/** What the bot answered to one relayed POST. */
export interface RelayAnswer {
  readonly status: number;
  readonly body: Buffer;
}

const FORWARDED = ['content-type', 'user-agent', 'x-hub-signature-256', 'x-hub-signature'];

/** Forwards webhook POSTs to the bot's URL over keep-alive connections; `close()` releases them. */
export class WebhookRelay {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 32 });

  /** @param target The bot's webhook URL, read at each POST (the bot listens after the relay exists). */
  constructor(private readonly target: () => string) {}

  /** POSTs `body` with the signature headers of `headers` to the bot; rejects when the bot cannot be reached. */
  forward(body: Buffer, headers: IncomingHttpHeaders): Promise<RelayAnswer> {
    const out: Record<string, string> = { 'content-length': String(body.length) };
    for (const name of FORWARDED) {
      const value = headers[name];
      if (typeof value === 'string') out[name] = value;
    }
    return new Promise((resolve, reject) => {
      const req = request(
        this.target(),
        { method: 'POST', headers: out, agent: this.agent },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Closes the pooled connections. */
  close(): void {
    this.agent.destroy();
  }
}
