import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Observable } from 'rxjs';
import { Subject, tap, type Subscription } from 'rxjs';
import type { DecodeResult, EventFor, Query, WebhookEvent } from '../events/index.js';
import { dedupKey } from '../events/index.js';
import { GraphClient, type GraphClientOptions } from '../graph/index.js';
import { createWebhook, createWebhookServer, nodeHandler } from '../webhook/index.js';
import type { Webhook, WebhookOptions, WebhookServerOptions } from '../webhook/index.js';
import { MemoryDedupStore, type DedupStore } from './dedup.js';
import { dedupe } from './dedupe.js';
import { DispatchProbe, dispatchByKey } from './dispatch.js';
import {
  BotDecodeError,
  BotDedupError,
  BotHandlerError,
  BotOverflowError,
  BotStoppedError,
  BotWebhookError,
  type BotError,
} from './errors.js';
import { Router, type Handler, type Trigger } from './router.js';

/** Resolves the access token of a page or Instagram account id (several pages per bot). */
export type AccessTokenResolver = (accountId: string) => string | Promise<string>;

/** Options of {@link Bot}. Only `appSecret` and `verifyToken` are required. */
export interface BotOptions {
  /** The app secret that signs Meta's POSTs; several during a rotation. */
  appSecret: string | readonly string[];
  /** The Verify Token of the webhook GET handshake. */
  verifyToken: string;
  /** One page / IG account token, or a function from account id to token. Overrides `graph.accessToken`. */
  accessToken?: string | AccessTokenResolver;
  /** Options for the bot's own GraphClient (e.g. `baseUrl` of the emulator), or a ready GraphClient. */
  graph?: GraphClientOptions | GraphClient;
  /** Sign Graph calls with `appsecret_proof` from the (first) app secret. Default true; ignored with a GraphClient. */
  appSecretProof?: boolean;
  /** The path `listen()` serves the webhook on; default `/webhook`. */
  path?: string;
  /** Webhook limits passed to createWebhook. */
  webhook?: Pick<WebhookOptions, 'maxBodyBytes' | 'allowSha1'>;
  /** Limits of the server `listen()` starts (timeouts, connection cap); see {@link WebhookServerOptions}. */
  server?: Omit<WebhookServerOptions, 'maxBodyBytes'>;
  /** How many conversations are handled at the same time; default 32. */
  concurrency?: number;
  /**
   * The bound on received events not yet handled; default 10,000. A batch that would go past it is refused
   * whole: the webhook answers 500 so Meta redelivers it later, and `errors$` gets a BotOverflowError.
   */
  maxQueued?: number;
  /** Redelivery deduplication: the store (default in memory) and window (default 1 hour); `false` turns it off. */
  dedup?: false | { store?: DedupStore; windowMs?: number };
  /**
   * How long a handler's promise may stay unsettled before it counts as failed: a BotHandlerTimeoutError (with
   * the event) goes to `errors$` and the conversation moves on. Default 30 s; `false` or 0 waits forever.
   */
  handlerTimeoutMs?: number | false;
  /** Where errors go while nobody subscribes to `errors$`; default a one-line `console.error`. */
  logger?: (error: BotError) => void;
}

/** Read-only counters of the stream, for monitoring and memory tests. */
export interface BotStats {
  /** Conversations with queued or running work (idle ones are forgotten). */
  readonly conversations: number;
  /** Events waiting for their conversation's turn or a concurrency slot. */
  readonly queued: number;
  /** Events whose handlers are running. */
  readonly running: number;
  /** Events taken in and not finished yet (includes those in a pending asynchronous dedup check). */
  readonly backlog: number;
  /** Events dropped as redeliveries since the start. */
  readonly duplicates: number;
}

/** What `bot.stop()` resolves with: whether everything drained before the deadline, and what was abandoned. */
export interface StopResult {
  readonly drained: boolean;
  /** Events queued or running at the deadline (0 when drained); their handlers are no longer awaited. */
  readonly abandoned: number;
}

/** A server started by `bot.listen()`. */
export interface Listening {
  /** The node:http server. */
  readonly server: Server;
  /** The port it listens on (useful with port 0). */
  readonly port: number;
  /** The webhook URL, e.g. `http://127.0.0.1:3000/webhook`. */
  readonly url: string;
  /** Stops this server (idle keep-alive connections are closed). */
  close(): Promise<void>;
}

const DEFAULT_WINDOW_MS = 60 * 60 * 1000;
const DEFAULT_HANDLER_TIMEOUT_MS = 30_000;

function defaultLogger(error: BotError): void {
  console.error(`[messenger-rx] ${error.name}: ${error.message}`);
}

function firstSecret(secret: string | readonly string[]): string | undefined {
  return typeof secret === 'string' ? secret : secret[0];
}

function createGraph(options: BotOptions): GraphClient {
  if (options.graph instanceof GraphClient) return options.graph;
  const graph: GraphClientOptions = { ...options.graph };
  if (options.accessToken !== undefined) graph.accessToken = options.accessToken;
  if (graph.appSecret === undefined && options.appSecretProof !== false) {
    const secret = firstSecret(options.appSecret);
    if (secret !== undefined && secret !== '') graph.appSecret = secret;
  }
  return new GraphClient(graph);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/** The host part of a URL for a listening address (IPv6 in brackets, the unspecified address as localhost). */
function urlHost(address: string): string {
  if (address === '::' || address === '0.0.0.0') return 'localhost';
  return address.includes(':') ? `[${address}]` : address;
}

/**
 * A Messenger and Instagram bot: a verified webhook, a deduplicated stream of typed events, handlers run one at
 * a time per conversation (concurrently across conversations), and replies that answer in context.
 *
 * ```ts
 * const bot = new Bot({ appSecret, verifyToken, accessToken });
 * bot.on('message:text', (e, ctx) => ctx.reply.text(`You said: ${e.message.text}`));
 * await bot.listen(3000);
 * ```
 *
 * Delivery: for one event every matching registration runs, in registration order, one after the other; a
 * failing handler (or one that does not settle within `handlerTimeoutMs`) goes to `errors$` and the later ones
 * still run. Redeliveries (same `dedupKey`) within the window are handled once. Echoes and standby events reach
 * only handlers whose query names them. The options (secrets included) are kept private and never shown by
 * `util.inspect`.
 */
export class Bot {
  /** The Graph API client replies go through (also `ctx.api`). */
  readonly api: GraphClient;
  /** The framework-neutral webhook endpoint; mount it with `nodeHandler`, `expressWebhook`, ... or use `listen()`. */
  readonly webhook: Webhook;
  /** Every distinct decoded event (redeliveries removed), hot; completes on `stop()`. */
  readonly events$: Observable<WebhookEvent>;
  /** Handler failures, decode issues, overflows and dedup store failures; completes on `stop()`. */
  readonly errors$: Observable<BotError>;

  readonly #options: BotOptions;
  private readonly router: Router;
  private readonly probe = new DispatchProbe();
  private readonly ingress = new Subject<WebhookEvent>();
  private readonly events = new Subject<WebhookEvent>();
  private readonly errors = new Subject<BotError>();
  private readonly servers = new Set<Server>();
  private readonly maxQueued: number;
  private readonly pipeline: Subscription;
  private readonly drained: Promise<void>;
  private backlog = 0;
  private duplicates = 0;
  /** Events taken in whose turn to enter the stream has not come yet (see `handle`). */
  private accepted: WebhookEvent[] = [];
  private flushScheduled = false;
  private stopping: Promise<StopResult> | undefined;

  constructor(options: BotOptions) {
    this.#options = options;
    const timeout = options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS;
    this.router = new Router({ timeoutMs: timeout === false || timeout <= 0 ? undefined : timeout });
    this.maxQueued = Math.max(1, options.maxQueued ?? 10_000);
    this.api = createGraph(options);
    this.webhook = createWebhook({
      appSecret: options.appSecret,
      verifyToken: options.verifyToken,
      ...options.webhook,
      // The bot's onEvents returns at once after queueing; it throws only to refuse a batch, which must answer
      // non-200 so that Meta redelivers it. awaitHandlers turns that throw into a 500.
      awaitHandlers: true,
      onEvents: (result) => this.handle(result),
      onError: (error) => {
        if (error instanceof BotOverflowError || error instanceof BotStoppedError) return;
        this.report(new BotWebhookError(error));
      },
    });
    this.events$ = this.events.asObservable();
    this.errors$ = this.errors.asObservable();

    let resolveDrained: () => void = () => undefined;
    this.drained = new Promise<void>((resolve) => (resolveDrained = resolve));
    this.pipeline = this.stream().subscribe({ complete: resolveDrained, error: resolveDrained });
  }

  /**
   * Registers a handler for a query or any of several (`'message:text'`, `['postback', 'referral']`, ...);
   * the event type is narrowed to what the query guarantees. An unknown query throws QueryError here.
   */
  on<Q extends Query>(query: Q | readonly Q[], handler: Handler<EventFor<Q>>): this {
    this.router.on(query, handler);
    return this;
  }

  /** Registers a handler for text messages equal to a string, or matching a RegExp (its match in `ctx.match`). */
  hears(trigger: Trigger, handler: Handler<EventFor<'message:text'>>): this {
    this.router.hears(trigger, handler);
    return this;
  }

  /** Registers a handler for a Messenger command (`message.commands`, or text `/name args`; args in `ctx.match[1]`). */
  command(name: string, handler: Handler<EventFor<'message'>>): this {
    this.router.command(name, handler);
    return this;
  }

  /** Registers a handler for postbacks (buttons, Get Started, ice breakers) whose payload matches. */
  postback(trigger: Trigger, handler: Handler<EventFor<'postback'>>): this {
    this.router.postback(trigger, handler);
    return this;
  }

  /** Registers a handler for quick reply taps whose payload matches. */
  quickReply(trigger: Trigger, handler: Handler<EventFor<'message:quick_reply'>>): this {
    this.router.quickReply(trigger, handler);
    return this;
  }

  /**
   * Feeds decoded events in directly (the webhook does this; so do the Botkit adapter and tests). Decode issues
   * go to `errors$`. Throws BotStoppedError after `stop()`, and BotOverflowError (also sent to `errors$`) when
   * the batch would take the backlog past `maxQueued`; a refused batch is taken in not at all.
   *
   * The events enter the stream on the next turn of the event loop, in the order they were handed in: the
   * webhook's 200 is written first, and no handler (not even its synchronous start) delays it.
   */
  handle(input: DecodeResult | readonly WebhookEvent[]): void {
    const events = 'events' in input ? input.events : input;
    if (this.stopping !== undefined) throw new BotStoppedError();
    if (this.backlog > 0 && this.backlog + events.length > this.maxQueued) {
      const error = new BotOverflowError(events, this.maxQueued);
      this.report(error);
      throw error;
    }
    if ('errors' in input) for (const issue of input.errors) this.report(new BotDecodeError(issue));
    this.backlog += events.length;
    for (const event of events) this.accepted.push(event);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Moves the accepted events into the stream. */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.accepted;
    this.accepted = [];
    for (const event of batch) this.ingress.next(event);
  }

  /** Read-only counters: busy conversations, queued and running events, backlog, duplicates dropped. */
  stats(): BotStats {
    return {
      conversations: this.probe.conversations,
      queued: this.probe.queued,
      running: this.probe.running,
      backlog: this.backlog,
      duplicates: this.duplicates,
    };
  }

  /**
   * Serves the webhook with node:http at `options.path` (default `/webhook`) and resolves once listening.
   * Port 0 picks a free port; `host` defaults to every interface. The server has the limits of
   * `createWebhookServer` (10 s for the headers, 20 s for the whole request, 1 000 connections), changed with
   * the `server` option.
   */
  async listen(port = 3000, host?: string): Promise<Listening> {
    if (this.stopping !== undefined) throw new BotStoppedError();
    const path = this.#options.path ?? '/webhook';
    const limits = { ...this.#options.server, maxBodyBytes: this.webhook.maxBodyBytes };
    const server = createWebhookServer(nodeHandler(this.webhook, { path }), limits);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.servers.add(server);
    const address = server.address() as AddressInfo;
    return {
      server,
      port: address.port,
      url: `http://${urlHost(address.address)}:${address.port}${path}`,
      close: async () => {
        this.servers.delete(server);
        await closeServer(server);
      },
    };
  }

  /**
   * Stops: closes the servers of `listen()`, refuses new events, lets queued and running handlers finish
   * within `timeoutMs` (default 10 s), then completes `events$` and `errors$`. Handlers still running at the
   * deadline are no longer awaited (a promise cannot be cancelled). A POST that still reaches `bot.webhook`
   * afterwards (e.g. mounted in express) answers 500, so Meta redelivers it. Calling it again returns the same result.
   */
  stop(options: { timeoutMs?: number } = {}): Promise<StopResult> {
    this.stopping ??= this.shutdown(options.timeoutMs ?? 10_000);
    return this.stopping;
  }

  private async shutdown(timeoutMs: number): Promise<StopResult> {
    const closing = [...this.servers].map(closeServer);
    this.servers.clear();
    this.flush();
    this.ingress.complete();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const drained = await Promise.race([this.drained.then(() => true as const), deadline]);
    clearTimeout(timer);
    const abandoned = drained ? 0 : this.backlog;
    this.pipeline.unsubscribe();
    this.events.complete();
    this.errors.complete();
    await Promise.all(closing);
    return { drained, abandoned };
  }

  /** The delivery pipeline: dedup, tap into events$, then per-conversation dispatch to the handlers. */
  private stream(): Observable<unknown> {
    const dedup = this.#options.dedup;
    const deduped =
      dedup === false
        ? this.ingress
        : this.ingress.pipe(
            dedupe<WebhookEvent>({
              store: dedup?.store ?? new MemoryDedupStore(),
              ttlMs: dedup?.windowMs ?? DEFAULT_WINDOW_MS,
              keyOf: dedupKey,
              orderKeyOf: (event) => event.conversation,
              onStoreError: (error, event) => this.report(new BotDedupError(event, error)),
              onDuplicate: () => {
                this.backlog -= 1;
                this.duplicates += 1;
              },
            }),
          );
    return deduped.pipe(
      tap((event) => this.events.next(event)),
      dispatchByKey<WebhookEvent>(
        {
          keyOf: (event) => event.conversation,
          work: (event) => this.router.run(event, this.api, (error) => this.report(error)),
          concurrency: this.#options.concurrency ?? 32,
        },
        this.probe,
      ),
      tap((outcome) => {
        this.backlog -= 1;
        if (!outcome.ok) this.report(new BotHandlerError(outcome.value, outcome.error, 'dispatch'));
      }),
    );
  }

  /** Sends an error to `errors$`, or to the logger while nobody listens (or after stop). */
  private report(error: BotError): void {
    if (this.errors.observed && !this.errors.closed) {
      this.errors.next(error);
      return;
    }
    try {
      (this.#options.logger ?? defaultLogger)(error);
    } catch {
      // A failing logger must not take the stream down.
    }
  }
}
