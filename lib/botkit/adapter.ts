import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Server } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BotAdapter, TurnContext } from 'botbuilder';
import type { Activity, ConversationReference, ResourceResponse } from 'botbuilder';
import type { Botkit } from 'botkit';
import { MemoryInbox } from '../delivery/index.js';
import type { DedupOption, DeliveryStats } from '../delivery/index.js';
import type { DecodeIssue, DecodeResult, Participant, WebhookEvent } from '../events/index.js';
import { GraphClient } from '../graph/index.js';
import type { GraphClientOptions } from '../graph/index.js';
import {
  DEFAULT_MAX_BODY_BYTES,
  applyServerLimits,
  consoleErrorLogger,
  createWebhook,
  expressWebhook,
} from '../webhook/index.js';
import type { Webhook, WebhookOptions, WebhookServerOptions } from '../webhook/index.js';
import { AdapterNotAttachedError, NotSupportedByMessengerError } from './errors.js';
import { activityOfBot, guardBotkitHandlers } from './guard.js';
import { activityOfEvent, conversationAccountOf } from './incoming.js';
import type { EventNamer } from './names.js';
import { planActivity } from './outgoing.js';
import type { SendStep } from './outgoing.js';
import { capturedBody, leaveWebhookBodiesUnparsed } from './raw-body.js';
import { channelIdOf, participantKey } from './route.js';
import type { ConversationRoute } from './route.js';
import type { ReferenceOptions, TurnLogic, WorkerAdapter } from './types.js';
import { MessengerBotWorker } from './worker.js';

/** Options of the {@link MessengerAdapter}. */
export interface MessengerAdapterOptions {
  /** The app secret that signs Meta's webhooks; several during a rotation. */
  appSecret: string | readonly string[];
  /** The Verify Token of the webhook handshake. */
  verifyToken: string;
  /** A ready Graph client; otherwise one is built from `accessToken` and `graph`. */
  api?: GraphClient | undefined;
  /** Page / Instagram account token, or a resolver from account id to token (used when `api` is not given). */
  accessToken?: GraphClientOptions['accessToken'] | undefined;
  /** More Graph client options (base URL, version, retry, `appSecret` for appsecret_proof, ...). */
  graph?: Omit<GraphClientOptions, 'accessToken'> | undefined;
  /** Page or IG account id for proactive messages whose reference names none; default `'me'`. */
  accountId?: string | undefined;
  /** Largest accepted webhook body in bytes; default 4 MiB. */
  maxBodyBytes?: number | undefined;
  /** Accept the legacy SHA-1 signature header; default false. */
  allowSha1?: boolean | undefined;
  /** How many conversations run turns at the same time (the others wait their turn); default 32. */
  concurrency?: number | undefined;
  /**
   * Redelivery deduplication, as on the Bot: a DedupStore (default in memory; a shared one, e.g. on Redis, for
   * several processes) and how long a key is remembered (default one hour); `false` turns it off.
   */
  dedup?: DedupOption | undefined;
  /** Botkit event names for non-message events; default {@link botkitEventName}. */
  eventName?: EventNamer | undefined;
  /** Receives failed turns, webhook problems and setup problems; default one line on stderr. */
  onError?: ((error: unknown) => void) | undefined;
  /** Receives the items of a verified webhook that did not decode; default one line on stderr per batch. */
  onDecodeIssues?: ((issues: readonly DecodeIssue[]) => void) | undefined;
  /**
   * Limits applied to Botkit's own web server (`controller.http`) when the adapter is attached: header and
   * request timeouts, a connection cap, 413 before `100 Continue` (see `createWebhookServer`; defaults 10 s,
   * 20 s, 1 000). `false` leaves Botkit's server as it is. A server the app brings is the app's to limit.
   */
  server?: Omit<WebhookServerOptions, 'maxBodyBytes'> | false | undefined;
}

/** Counters of the adapter's turns: conversations busy, turns queued, running, not finished, redeliveries dropped. */
export type AdapterStats = DeliveryStats;

/** One event's turn waiting for its conversation: its activity and the bot logic to run it with. */
interface PendingTurn {
  readonly activity: Partial<Activity>;
  readonly logic: TurnLogic;
}

const logError = consoleErrorLogger('messenger-rx botkit: ');

function logIssues(issues: readonly DecodeIssue[]): void {
  const first = issues[0];
  if (first === undefined) return;
  console.error(
    `messenger-rx botkit: ${issues.length} webhook item(s) did not decode, first at ${first.path}: ${first.message}`,
  );
}

interface RouteRegistrar {
  get(path: string, handler: (req: IncomingMessage, res: ServerResponse) => void): unknown;
}

function isRouteRegistrar(value: unknown): value is RouteRegistrar {
  return (typeof value === 'function' || typeof value === 'object') && value !== null && 'get' in value;
}

/**
 * A botbuilder adapter that connects Botkit (or plain botbuilder) to Messenger and Instagram through
 * messenger-rx: verified webhooks (SHA-256 over the raw bytes, the GET handshake, 200 before any handler runs),
 * typed decoding, and replies through messenger-rx's GraphClient.
 * @example
 * const adapter = new MessengerAdapter({ appSecret, verifyToken, accessToken: pageToken });
 * const controller = new Botkit({ adapter, webhook_uri: '/api/messages' });
 * controller.hears('hello', 'message', async (bot, message) => { await bot.reply(message, 'Hi!'); });
 */
export class MessengerAdapter extends BotAdapter implements WorkerAdapter {
  /** The plugin name Botkit registers the adapter under. */
  readonly name = 'messenger-rx';
  /** The BotWorker class Botkit spawns for this adapter (adds `bot.api`). */
  readonly botkit_worker = MessengerBotWorker;
  /** The Graph API client replies go through; also `bot.api` in Botkit handlers. */
  readonly api: GraphClient;
  /**
   * The messenger-rx webhook feeding the Botkit controller that uses this adapter, for a server the app brings:
   * `app.post('/webhook', expressWebhook(adapter.webhook))`, `nodeHandler(adapter.webhook)`, koa or fastify.
   */
  readonly webhook: Webhook;

  readonly #options: MessengerAdapterOptions;
  /** The webhook as an express handler, for `processActivity`; built once, like the webhook. */
  readonly #handler: ReturnType<typeof expressWebhook>;
  /** The turn logic of the `processActivity` call a request came through, for the webhook's `onEvents`. */
  readonly #requestLogic = new AsyncLocalStorage<TurnLogic>();
  readonly #turns: MemoryInbox;
  /** The turn of each accepted event, until it ran. */
  readonly #pending = new WeakMap<WebhookEvent, PendingTurn>();
  readonly #incoming = new WeakSet<Partial<Activity>>();
  #logic: TurnLogic | undefined;
  readonly #failures = new WeakMap<object, (error: unknown) => void>();

  /** Creates the adapter; throws WebhookConfigError for a missing app secret or verify token. */
  constructor(options: MessengerAdapterOptions) {
    super();
    this.#options = options;
    // The Bot's delivery (lib/delivery), ordered by the Botkit conversation; unbounded as before (no maxQueued).
    this.#turns = new MemoryInbox({
      concurrency: options.concurrency,
      dedup: options.dedup,
      maxQueued: Infinity,
      keyOf: (event) => this.#pending.get(event)?.activity.conversation?.id ?? event.conversation,
      onDedupError: (error) => this.#report(error),
      onHandlerError: (error) => this.#report(error),
    });
    this.#turns.start((event) => this.#runEvent(event));
    this.api = options.api ?? new GraphClient({ ...options.graph, accessToken: options.accessToken });
    this.webhook = this.#createWebhook((result) => {
      const logic = this.#requestLogic.getStore() ?? this.#logic;
      if (logic === undefined) this.#report(new AdapterNotAttachedError(result.events.length));
      else this.#dispatch(result, logic);
    });
    this.#handler = expressWebhook(this.webhook);
  }

  /**
   * Botkit calls this when the adapter is passed to `new Botkit({ adapter })`: remembers the controller's turn
   * logic for `adapter.webhook`, adds the GET handshake on `webhook_uri`, and, under Botkit's own web server,
   * keeps Botkit's JSON body parser off webhook POSTs (the webhook reads their raw bytes) and applies the
   * `server` limits.
   */
  init(botkit: Botkit): void {
    guardBotkitHandlers(botkit, (bot, error) => this.#failTurn(bot, error));
    this.#logic = (context) => botkit.handleTurn(context) as Promise<void>;
    const path: unknown = botkit.getConfig('webhook_uri');
    const webserver: unknown = botkit.webserver;
    if (typeof path !== 'string' || !isRouteRegistrar(webserver)) return;
    webserver.get(path, (req, res) => {
      const logic = this.#logic;
      if (logic !== undefined) void this.processActivity(req, res, logic);
    });
    const http: unknown = botkit.http;
    if (!(http instanceof Server)) return;
    leaveWebhookBodiesUnparsed(http, path);
    const limits = this.#options.server;
    if (limits !== false) applyServerLimits(http, { ...limits, maxBodyBytes: this.webhook.maxBodyBytes });
  }

  /**
   * Answers one webhook request (Botkit calls it from its `webhook_uri` route; plain botbuilder apps from
   * theirs): the handshake, or a verified POST whose events then run through `logic` one conversation at a
   * time, after the 200 has been sent. Failures never reject; they go to `onError`.
   */
  async processActivity(
    req: IncomingMessage & { body?: unknown },
    res: ServerResponse,
    logic: TurnLogic,
  ): Promise<void> {
    try {
      const captured = capturedBody(req);
      if (captured !== undefined) req.body = captured;
      await new Promise<void>((resolve) => {
        res.once('finish', resolve);
        res.once('close', resolve);
        this.#requestLogic.run(logic, () => this.#handler(req, res));
      });
    } catch (error) {
      this.#report(error);
      if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
    }
  }

  /**
   * Sends Botkit's outgoing activities through the Graph client: messages (text, quick replies, attachments,
   * templates), `typing` as a typing_on sender action, Instagram mention and comment replies on those
   * conversations. Returns one ResourceResponse per activity with the last message id it produced.
   */
  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const proactive = !this.#incoming.has(context.activity);
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      let id = '';
      for (const step of planActivity(activity, proactive)) id = (await this.#execute(step)) ?? id;
      responses.push({ id });
    }
    return responses;
  }

  /** Always rejects with NotSupportedByMessengerError: Messenger cannot edit a sent message. */
  async updateActivity(
    _context: TurnContext,
    _activity: Partial<Activity>,
  ): Promise<ResourceResponse | void> {
    throw new NotSupportedByMessengerError('updateActivity');
  }

  /** Always rejects with NotSupportedByMessengerError: the bot cannot delete a sent message. */
  async deleteActivity(_context: TurnContext, _reference: Partial<ConversationReference>): Promise<void> {
    throw new NotSupportedByMessengerError('deleteActivity');
  }

  /**
   * Runs `logic` in a turn for a stored conversation reference (a Botkit `message.reference`, or
   * {@link MessengerAdapter.referenceTo}) so it can send proactively; sends default to `messaging_type: UPDATE`.
   */
  async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const request = TurnContext.applyConversationReference(
      { type: 'event', name: 'continueConversation' },
      reference,
      true,
    );
    await this.runMiddleware(new TurnContext(this, request), logic);
  }

  /**
   * A conversation reference for a direct conversation with a user (PSID / IGSID or `{ user_ref }`), for
   * proactive messages with `bot.changeContext()` or `continueConversation()`. `accountId` defaults to the
   * adapter's `accountId` option, then `'me'`; `platform` to Messenger.
   */
  referenceTo(user: string | Participant, options: ReferenceOptions = {}): Partial<ConversationReference> {
    const route: ConversationRoute = {
      kind: 'direct',
      platform: options.platform ?? 'messenger',
      accountId: options.accountId ?? this.#options.accountId ?? 'me',
      user: typeof user === 'string' ? { id: user } : user,
    };
    return {
      channelId: channelIdOf(route.platform),
      conversation: conversationAccountOf(route),
      user: { id: participantKey(route.user), name: '', role: 'user' },
      bot: { id: route.accountId, name: '', role: 'bot' },
    };
  }

  /** Resolves when every queued and running turn has finished (for graceful shutdown and tests). */
  idle(): Promise<void> {
    return this.#turns.idle();
  }

  /** Counters of the turns: conversations busy, turns queued, running, not yet finished, redeliveries dropped. */
  stats(): AdapterStats {
    return this.#turns.stats();
  }

  #createWebhook(onEvents: NonNullable<WebhookOptions['onEvents']>): Webhook {
    const options: WebhookOptions = {
      appSecret: this.#options.appSecret,
      verifyToken: this.#options.verifyToken,
      maxBodyBytes: this.#options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      onEvents,
      onError: (error) => this.#report(error),
    };
    if (this.#options.allowSha1 !== undefined) options.allowSha1 = this.#options.allowSha1;
    return createWebhook(options);
  }

  /**
   * Hands the events to the delivery (the in-memory inbox) with their turns; returns at once (the webhook answers
   * 200 meanwhile, and the inbox starts no turn before the next turn of the event loop).
   */
  #dispatch(result: DecodeResult, logic: TurnLogic): void {
    if (result.errors.length > 0) (this.#options.onDecodeIssues ?? logIssues)(result.errors);
    for (const event of result.events) {
      this.#pending.set(event, { activity: activityOfEvent(event, this.#options.eventName), logic });
    }
    this.#turns.accept(result.events);
  }

  /** Runs the turn of one delivered event. */
  #runEvent(event: WebhookEvent): Promise<void> {
    const turn = this.#pending.get(event);
    if (turn === undefined) return Promise.resolve();
    this.#pending.delete(event);
    return this.#runTurn(turn.activity, turn.logic);
  }

  /**
   * Runs one turn. It also ends when a Botkit handler of this turn fails (see guardBotkitHandlers), because
   * Botkit then never settles `handleTurn`.
   */
  #runTurn(activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    this.#incoming.add(activity);
    return new Promise<void>((resolve, reject) => {
      this.#failures.set(activity, reject);
      this.runMiddleware(new TurnContext(this, activity), logic).then(resolve, reject);
    });
  }

  async #execute(step: SendStep): Promise<string | undefined> {
    switch (step.kind) {
      case 'message':
        return (await this.api.send.message(step.to, step.message, step.options)).message_id;
      case 'senderAction':
        await this.api.send.senderAction(step.to, step.action, { from: step.from });
        return undefined;
      case 'mentionReply': {
        const { igUserId, mediaId, commentId, text } = step;
        const reply = await this.api.instagram.replyToMention({
          igUserId,
          mediaId,
          commentId,
          message: text,
        });
        return reply.id;
      }
      case 'commentReply':
        return (
          await this.api.instagram.replyToComment(step.commentId, step.text, { igUserId: step.igUserId })
        ).id;
      case 'delay':
        await sleep(step.ms);
        return undefined;
    }
  }

  /** A Botkit handler failed: fail its turn (so the conversation's queue moves on), or report it when proactive. */
  #failTurn(bot: unknown, error: unknown): void {
    const activity = activityOfBot(bot);
    const fail = typeof activity === 'object' && activity !== null ? this.#failures.get(activity) : undefined;
    if (fail === undefined) this.#report(error);
    else fail(error);
  }

  #report(error: unknown): void {
    try {
      (this.#options.onError ?? logError)(error);
    } catch {
      // An onError that throws must not take the adapter down.
    }
  }
}
