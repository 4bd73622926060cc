import type { Server } from 'node:http';
import type { Observable } from 'rxjs';
import { Subject } from 'rxjs';
import { Composer } from '../composer/index.js';
import { lastRegistration, registrationOf } from '../composer/labels.js';
import { passThrough, run } from '../composer/middleware.js';
import {
  InboxOverflowError,
  InboxStoppedError,
  MemoryInbox,
  type DedupOption,
  type DeliveryStats,
  type Inbox,
} from '../delivery/index.js';
import type { DecodeResult, WebhookEvent } from '../events/index.js';
import { GraphClient, type GraphClientOptions } from '../graph/index.js';
import {
  closeServer,
  consoleErrorLogger,
  createWebhook,
  createWebhookServer,
  listenOn,
  nodeHandler,
} from '../webhook/index.js';
import type { Webhook, WebhookOptions, WebhookServerOptions } from '../webhook/index.js';
import { Context, END_CONTEXT } from './context.js';
import {
  BotDecodeError,
  BotDedupError,
  BotHandlerError,
  BotHandlerTimeoutError,
  BotInboxError,
  BotOverflowError,
  BotRoleError,
  BotStoppedError,
  BotWebhookError,
  type BotError,
} from './errors.js';

/** Resolves the access token of a page or Instagram account id (several pages per bot). */
export type AccessTokenResolver = (accountId: string) => string | Promise<string>;

/**
 * Builds the context of one event: a subclass of Context (`class MyContext extends Context { ... }`), for bots
 * whose context has methods of its own. Flavors that plugins install at run time (`ctx.session`) need none.
 */
export type ContextConstructor<C extends Context> = new (event: WebhookEvent, api: GraphClient) => C;

/**
 * What a process does: `'all'` (default) receives and handles, `'receiver'` only serves the webhook (events
 * wait in the inbox for workers), `'worker'` only runs handlers on the inbox's events and serves no webhook.
 */
export type BotRole = 'all' | 'receiver' | 'worker';

/** Options of {@link Bot}. Only `appSecret` and `verifyToken` are required. */
export interface BotOptions<C extends Context = Context> {
  /** The app secret that signs Meta's POSTs; several during a rotation. */
  appSecret: string | readonly string[];
  /** The Verify Token of the webhook GET handshake. */
  verifyToken: string;
  /** One page / IG account token, or a function from account id to token. Overrides `graph.accessToken`. */
  accessToken?: string | AccessTokenResolver | undefined;
  /** Options for the bot's own GraphClient (e.g. `baseUrl` of the emulator), or a ready GraphClient. */
  graph?: GraphClientOptions | GraphClient | undefined;
  /** Sign Graph calls with `appsecret_proof` from the (first) app secret. Default true; ignored with a GraphClient. */
  appSecretProof?: boolean | undefined;
  /** The path `listen()` serves the webhook on; default `/webhook`. */
  path?: string | undefined;
  /** Webhook limits passed to createWebhook. */
  webhook?: Pick<WebhookOptions, 'maxBodyBytes' | 'allowSha1'> | undefined;
  /** Limits of the server `listen()` starts (timeouts, connection cap); see {@link WebhookServerOptions}. */
  server?: Omit<WebhookServerOptions, 'maxBodyBytes'> | undefined;
  /** How many conversations are handled at the same time; default 32. */
  concurrency?: number | undefined;
  /**
   * The bound on received events not yet handled; default 10,000. A batch that would go past it is refused
   * whole: the webhook answers 500 so Meta redelivers it later, and `errors$` gets a BotOverflowError.
   */
  maxQueued?: number | undefined;
  /** Redelivery deduplication: the store (default in memory) and window (default 1 hour); `false` turns it off. */
  dedup?: DedupOption | undefined;
  /**
   * How long the chain may take for one event before it counts as failed: a BotHandlerTimeoutError (with the
   * event) goes to `errors$`, `ctx.signal` aborts, and the conversation moves on. Default 30 s; `false` or 0
   * waits forever.
   */
  handlerTimeoutMs?: number | false | undefined;
  /** Where errors go while nobody subscribes to `errors$`; default a one-line `console.error`. */
  logger?: ((error: BotError) => void) | undefined;
  /**
   * Where acknowledged events wait for a handler; default a {@link MemoryInbox} built from `concurrency`,
   * `maxQueued` and `dedup` (those three apply to the default inbox only). `messenger-rx/redis` has a durable
   * one that several processes share.
   */
  inbox?: Inbox | undefined;
  /** What this process does (see {@link BotRole}); default `'all'`. */
  role?: BotRole | undefined;
  /** The class of the contexts the chain gets; default {@link Context}. */
  context?: ContextConstructor<C> | undefined;
}

/**
 * Read-only counters of the delivery, for monitoring and memory tests: busy conversations (idle ones are
 * forgotten), events queued and running, events taken in and not finished, redeliveries dropped. With an inbox
 * other than the in-memory one, `running` and `backlog` count the events this process is handling, the rest 0.
 */
export type BotStats = DeliveryStats;

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

const DEFAULT_HANDLER_TIMEOUT_MS = 30_000;

/** The default `logger`: `[messenger-rx] Name: message` on stderr, the message never cut. */
const defaultLogger: (error: BotError) => void = consoleErrorLogger('[messenger-rx] ', Infinity);

function firstSecret(secret: string | readonly string[]): string | undefined {
  return typeof secret === 'string' ? secret : secret[0];
}

function createGraph(
  options: Pick<BotOptions, 'graph' | 'accessToken' | 'appSecret' | 'appSecretProof'>,
): GraphClient {
  if (options.graph instanceof GraphClient) return options.graph;
  const graph: GraphClientOptions = { ...options.graph };
  if (options.accessToken !== undefined) graph.accessToken = options.accessToken;
  if (graph.appSecret === undefined && options.appSecretProof !== false) {
    const secret = firstSecret(options.appSecret);
    if (secret !== undefined && secret !== '') graph.appSecret = secret;
  }
  return new GraphClient(graph);
}

/** The host part of a URL for a listening address (IPv6 in brackets, the unspecified address as localhost). */
function urlHost(address: string): string {
  if (address === '::' || address === '0.0.0.0') return 'localhost';
  return address.includes(':') ? `[${address}]` : address;
}

/** Settles like `promise`, or rejects with `onTimeout()` after `ms` (the timer does not keep the process alive). */
function within(promise: Promise<void>, ms: number, onTimeout: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref();
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** What a failure of the chain is registered as in BotHandlerError and BotHandlerTimeoutError. */
const CHAIN = 'middleware';

/**
 * A Messenger and Instagram bot: a verified webhook, a deduplicated stream of typed events, and a Composer whose
 * middleware chain runs once per event, one event at a time per conversation (concurrently across
 * conversations), with replies that answer in context.
 *
 * ```ts
 * const bot = new Bot({ appSecret, verifyToken, accessToken });
 * bot.on('message:text', (ctx) => ctx.reply.text(`You said: ${ctx.event.message.text}`));
 * bot.use((ctx) => ctx.reply.text('Sorry, I did not get that.')); // the fallback
 * await bot.listen(3000);
 * ```
 *
 * Composition: one event runs one chain, in registration order; the first matching handler ends it unless it
 * calls `next()` (see {@link Composer}). A failing chain (or one that does not settle within `handlerTimeoutMs`)
 * goes to `errors$` and the conversation moves on. Redeliveries (same `dedupKey`) within the window are handled
 * once. Echoes and standby events reach only handlers whose query names them.
 *
 * Receiving and handling: the webhook hands each verified batch to the inbox (`options.inbox`, in memory by
 * default) and answers 200 once it took them, 5xx when it refused them. The inbox hands events to `handle`.
 * `listen()` serves the webhook and starts handling; `start()` only starts handling (a worker); with
 * `role: 'receiver'` nothing is handled here. The options (secrets included) are kept private and never shown
 * by `util.inspect`.
 */
export class Bot<C extends Context = Context> extends Composer<C> {
  /** The Graph API client replies go through (also `ctx.api`). */
  readonly api: GraphClient;
  /** The framework-neutral webhook endpoint; mount it with `nodeHandler`, `expressWebhook`, ... or use `listen()`. */
  readonly webhook: Webhook;
  /** Every distinct event, when the chain starts on it (redeliveries removed), hot; completes on `stop()`. */
  readonly events$: Observable<WebhookEvent>;
  /** Handler failures, decode issues, overflows, dedup store and inbox failures; completes on `stop()`. */
  readonly errors$: Observable<BotError>;
  /** Where acknowledged events wait for a handler: `options.inbox`, or the in-memory one. */
  readonly inbox: Inbox;

  readonly #options: BotOptions<C>;
  readonly #timeoutMs: number | undefined;
  readonly #role: BotRole;
  private readonly events = new Subject<WebhookEvent>();
  private readonly errors = new Subject<BotError>();
  private readonly servers = new Set<Server>();
  /** Events whose chain is running in this process (the counters of an inbox that keeps none). */
  private running = 0;
  /** Callers of `idle()` waiting for `running` to drop to 0 (with an inbox other than the in-memory one). */
  private idleWaiters: (() => void)[] = [];
  private started = false;
  private stopping: Promise<StopResult> | undefined;

  constructor(options: BotOptions<C>) {
    super();
    this.#options = options;
    const timeout = options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS;
    this.#timeoutMs = timeout === false || timeout <= 0 ? undefined : timeout;
    this.#role = options.role ?? 'all';
    this.api = createGraph(options);
    this.inbox =
      options.inbox ??
      new MemoryInbox({
        concurrency: options.concurrency,
        maxQueued: options.maxQueued,
        dedup: options.dedup,
        onDedupError: (error, event) => this.report(new BotDedupError(event, error)),
        onHandlerError: (error, event) => this.report(new BotHandlerError(event, error, 'dispatch')),
      });
    this.webhook = createWebhook({
      appSecret: options.appSecret,
      verifyToken: options.verifyToken,
      ...options.webhook,
      // onEvents resolves once the inbox took the batch and rejects to refuse it, which must answer non-200 so
      // that Meta redelivers it: awaitHandlers turns the rejection into a 500.
      awaitHandlers: true,
      onEvents: (result) => this.receive(result),
      onError: (error) => {
        if (error instanceof BotOverflowError || error instanceof BotStoppedError) return;
        if (error instanceof BotRoleError || error instanceof BotInboxError) return;
        this.report(new BotWebhookError(error));
      },
    });
    this.events$ = this.events.asObservable();
    this.errors$ = this.errors.asObservable();
    // A durable inbox reports what it handled itself (a worker's lost connection, lease, ...) on its errors$.
    this.inbox.errors$?.subscribe((error) => this.report(new BotInboxError(error)));
  }

  /**
   * What the webhook does with a verified body: reports its decode issues on `errors$` and hands the events to
   * the inbox, resolving once the inbox took them. Rejects with BotStoppedError after `stop()`, BotRoleError on
   * a worker, BotOverflowError (also sent to `errors$`) when the in-memory inbox is full, and BotInboxError (also
   * sent to `errors$`) when another inbox refuses the batch; a refused batch is taken in not at all. In the default role the first batch starts handling (see `start`).
   */
  async receive(input: DecodeResult | readonly WebhookEvent[]): Promise<void> {
    const events = 'events' in input ? input.events : input;
    if (this.stopping !== undefined) throw new BotStoppedError();
    if (this.#role === 'worker') throw new BotRoleError('receive', this.#role);
    if ('errors' in input) for (const issue of input.errors) this.report(new BotDecodeError(issue));
    if (this.#role === 'all') this.start();
    try {
      await this.inbox.accept(events);
    } catch (error) {
      if (error instanceof InboxOverflowError) {
        const overflow = new BotOverflowError(error.events, error.limit);
        this.report(overflow);
        throw overflow;
      }
      if (error instanceof InboxStoppedError) throw new BotStoppedError();
      // Another inbox refused the batch (Redis unreachable, ...): the webhook answers 500, Meta redelivers.
      const failure = new BotInboxError(error);
      this.report(failure);
      throw failure;
    }
  }

  /**
   * Runs the chain for one event, as the inbox does for every event: a fresh context (`options.context`), the
   * middleware in registration order, `handlerTimeoutMs` (then `ctx.signal` aborts and a
   * BotHandlerTimeoutError goes to `errors$`). Failures go to `errors$`; the promise always resolves. A worker
   * process calls it for events that come from elsewhere.
   */
  async handle(event: WebhookEvent): Promise<void> {
    this.running += 1;
    try {
      if (!this.events.closed) this.events.next(event);
      const Make = this.#options.context;
      const ctx = Make === undefined ? (new Context(event, this.api) as C) : new Make(event, this.api);
      const chain = run(this.middleware(), ctx, passThrough);
      const timeoutMs = this.#timeoutMs;
      if (timeoutMs === undefined) await chain;
      else {
        await within(chain, timeoutMs, () => {
          const error = new BotHandlerTimeoutError(event, lastRegistration(ctx) ?? CHAIN, timeoutMs);
          ctx[END_CONTEXT](error);
          return error;
        });
      }
    } catch (error) {
      this.report(
        error instanceof BotHandlerTimeoutError
          ? error
          : new BotHandlerError(event, error, registrationOf(error) ?? CHAIN),
      );
    } finally {
      this.running -= 1;
      if (this.running === 0 && this.idleWaiters.length > 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const wake of waiters) wake();
      }
    }
  }

  /**
   * Starts handling: the inbox hands its events to `handle`. `listen()` calls it (except on a receiver), and
   * so does the first batch the webhook receives in the default role; a worker process calls it itself.
   * Throws BotRoleError on a receiver and BotStoppedError after `stop()`; a second call changes nothing.
   */
  start(): void {
    if (this.started) return;
    if (this.stopping !== undefined) throw new BotStoppedError();
    if (this.#role === 'receiver') throw new BotRoleError('start', this.#role);
    this.started = true;
    this.inbox.start((event) => this.handle(event));
  }

  /** Read-only counters: busy conversations, queued and running events, backlog, duplicates dropped. */
  stats(): BotStats {
    const inbox = this.inbox;
    if (inbox instanceof MemoryInbox) return inbox.stats();
    return { conversations: 0, queued: 0, running: this.running, backlog: this.running, duplicates: 0 };
  }

  /** Resolves once no event is waiting or being handled in this process (at once when idle). */
  async idle(): Promise<void> {
    const inbox = this.inbox;
    if (inbox instanceof MemoryInbox) return inbox.idle();
    if (this.running === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Serves the webhook with node:http at `options.path` (default `/webhook`) and resolves once listening; also
   * starts handling, except with `role: 'receiver'`. Port 0 picks a free port; `host` defaults to every
   * interface. The server has the limits of `createWebhookServer` (10 s for the headers, 20 s for the whole
   * request, 1 000 connections), changed with the `server` option. Throws BotRoleError on a worker (it serves
   * no webhook: call `start()`).
   */
  async listen(port = 3000, host?: string): Promise<Listening> {
    if (this.stopping !== undefined) throw new BotStoppedError();
    if (this.#role === 'worker') throw new BotRoleError('listen', this.#role);
    if (this.#role === 'all') this.start();
    const path = this.#options.path ?? '/webhook';
    const limits = { ...this.#options.server, maxBodyBytes: this.webhook.maxBodyBytes };
    const server = createWebhookServer(nodeHandler(this.webhook, { path }), limits);
    const address = await listenOn(server, port, host);
    this.servers.add(server);
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
   * Stops: closes the servers of `listen()`, refuses new events, stops the inbox (which lets queued and running
   * handlers finish) within `timeoutMs` (default 10 s), then completes `events$` and `errors$`. Handlers still
   * running at the deadline are no longer awaited (a promise cannot be cancelled). A POST that still reaches
   * `bot.webhook` afterwards (e.g. mounted in express) answers 500, so Meta redelivers it. Calling it again
   * returns the same result.
   */
  stop(options: { timeoutMs?: number } = {}): Promise<StopResult> {
    this.stopping ??= this.shutdown(options.timeoutMs ?? 10_000);
    return this.stopping;
  }

  private async shutdown(timeoutMs: number): Promise<StopResult> {
    const closing = [...this.servers].map((server) => closeServer(server));
    this.servers.clear();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const stopped = this.inbox.stop().then(
      () => true as const,
      (error: unknown) => {
        this.report(new BotWebhookError(error));
        return true as const;
      },
    );
    const drained = await Promise.race([stopped, deadline]);
    clearTimeout(timer);
    const abandoned = drained ? 0 : this.stats().backlog;
    if (!drained && this.inbox instanceof MemoryInbox) this.inbox.abandon();
    this.events.complete();
    this.errors.complete();
    await Promise.all(closing);
    return { drained, abandoned };
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
