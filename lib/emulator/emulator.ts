/** `startEmulator`: the emulated Graph API plus simulated users, wired together. */
import { Subject, type Observable } from 'rxjs';
import { resolveConfig, type EmulatorConfig, type EmulatorOptions, type Platform } from './defaults.js';
import { EmulatorClosedError, EmulatorUsageError } from './errors.js';
import { createHandoverSimulator, type HandoverSimulator } from './handover.js';
import { Faults, matchesRequest, type FailureRule, type RequestMatch } from './faults.js';
import { startGraphServer, type GraphServer } from './graph-server.js';
import type { SimulationHub } from './hub.js';
import { createIdFactory, monotonicClock } from './ids.js';
import { Inbox } from './inbox.js';
import { createInstagramSimulator, type InstagramSimulator } from './instagram.js';
import { messagingBody, type RawMessagingItem } from './payloads.js';
import type { RecordedRequest, SenderActionRecord, SentMessage } from './records.js';
import type { RouteResult } from './routes/index.js';
import { clearState, createState, type EmulatorState, type ReplyRecord } from './state.js';
import { createUser, type SimulatedUser, type UserOptions } from './users.js';
import { WebhookClient, type DeliverOptions, type DeliveryResult } from './webhook-client.js';

/** Options of the waits on the emulator: timeout (default `waitTimeoutMs`) and a filter. */
export interface MessageWaitOptions {
  readonly timeoutMs?: number;
  readonly predicate?: (message: SentMessage) => boolean;
}

/** A running emulator: a Graph API on loopback that records every call, and users that message the bot. */
export interface Emulator {
  /** Base URL of the Graph API; give it to `GraphClient` as `baseUrl`. */
  readonly url: string;
  readonly port: number;
  /** Ids, secrets and tokens in use (defaults from `EMULATOR_DEFAULTS`). */
  readonly config: EmulatorConfig;
  /** The webhook URL users POST to, once connected. */
  readonly webhookUrl: string | undefined;
  /** Sets the bot's webhook URL (e.g. `http://127.0.0.1:3000/webhook`). */
  connect(webhookUrl: string): void;
  /** Runs Meta's GET handshake against the webhook (default: the configured verify token, a random challenge). */
  verifyWebhook(options?: {
    readonly verifyToken?: string;
    readonly challenge?: string;
  }): Promise<DeliveryResult>;
  /** POSTs any body to the webhook, signed with the app secret (or not, see `DeliverOptions`). */
  deliver(body: unknown, options?: DeliverOptions): Promise<DeliveryResult>;
  /** POSTs many messaging items in one body, one entry per page / IG account (for benchmarks). */
  sendBatch(
    items: readonly RawMessagingItem[],
    options?: { readonly platform?: Platform; readonly standby?: boolean; readonly deliver?: DeliverOptions },
  ): Promise<DeliveryResult>;
  /** A simulated user with this PSID / IGSID (the same object for the same id, platform and account). */
  user(id: string, options?: UserOptions): SimulatedUser;
  /** Instagram mentions, comments and story insights. */
  readonly instagram: InstagramSimulator;
  /** The other side of a handover (the Page Inbox by default): passes threads back, takes them, asks for them. */
  readonly handover: HandoverSimulator;

  /** Every Graph call answered so far. */
  readonly requests: readonly RecordedRequest[];
  /** Every message Graph accepted from the bot so far. */
  readonly sent: readonly SentMessage[];
  /** Every sender action Graph accepted so far. */
  readonly actions: readonly SenderActionRecord[];
  /** Every answered Graph call, as it is answered. */
  readonly requests$: Observable<RecordedRequest>;
  /** Every accepted message, as it is accepted. */
  readonly sent$: Observable<SentMessage>;
  /** The next accepted message (matching `predicate`) that no wait has taken yet. */
  nextMessage(
    predicate?: (message: SentMessage) => boolean,
    options?: { readonly timeoutMs?: number },
  ): Promise<SentMessage>;
  /** The next `n` accepted messages that no wait has taken yet, oldest first. */
  waitForMessages(n: number, options?: MessageWaitOptions): Promise<SentMessage[]>;
  /** The next answered Graph call matching `match` that no `nextRequest` has taken yet. */
  nextRequest(
    match?: RequestMatch | ((request: RecordedRequest) => boolean),
    options?: { readonly timeoutMs?: number },
  ): Promise<RecordedRequest>;

  /** Makes the next matching Graph call(s) fail with a Graph error (default: code 2, HTTP 500, once). */
  failNext(rule?: FailureRule): void;
  /** Delays every Graph answer by `ms` (or only matching ones); `delay(0)` removes every delay. */
  delay(ms: number, match?: RequestMatch): void;
  /** What the Graph side remembers (media, comments, subscriptions, profiles, ...). */
  readonly state: EmulatorState;
  /** Forgets records, pending failures, delays and state; the server and webhook URL stay. */
  reset(): void;
  /** Stops the server, closes connections and rejects pending waits; safe to call twice. */
  close(): Promise<void>;
}

function describeMessage(m: SentMessage): string {
  const to = m.recipient.id ?? m.recipient.user_ref ?? m.recipient.comment_id ?? m.recipient.post_id ?? '?';
  const attachment =
    m.file !== undefined ? `(attachment ${JSON.stringify(m.file.filename)})` : '(attachment)';
  return `to ${to}: ${m.text !== undefined ? JSON.stringify(m.text.slice(0, 40)) : attachment}`;
}

/**
 * Starts an emulator: a Graph API on 127.0.0.1 (any free port by default) and simulated users that POST
 * signed webhooks to the bot. Close it with `emulator.close()`.
 * @example
 *   const emulator = await startEmulator({ webhookUrl: 'http://127.0.0.1:3000/webhook' });
 *   await emulator.user('42').say('hi');
 *   const reply = await emulator.nextMessage();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const config = resolveConfig(options);
  const state = createState();
  const ids = createIdFactory();
  const clock = monotonicClock(config.now);
  const faults = new Faults(config.latencyMs);
  const requests = new Inbox<RecordedRequest>('requests', (r) => `${r.method} ${r.path} -> ${r.status}`);
  const messages = new Inbox<SentMessage>('messages', describeMessage);
  const replies = new Inbox<ReplyRecord>('replies', (r) => `${r.kind} ${r.id}: ${r.message.slice(0, 40)}`);
  const actions: SenderActionRecord[] = [];
  const requests$ = new Subject<RecordedRequest>();
  const sent$ = new Subject<SentMessage>();
  const webhook = new WebhookClient(config.appSecret, config.webhookTimeoutMs);
  let webhookUrl = config.webhookUrl;
  let closed = false;

  const record = (request: RecordedRequest, result: RouteResult | undefined): void => {
    requests.push(request);
    requests$.next(request);
    if (result?.sent !== undefined) {
      const message: SentMessage = { ...result.sent, requestId: request.id };
      messages.push(message);
      sent$.next(message);
    }
    if (result?.action !== undefined) actions.push({ ...result.action, requestId: request.id });
    if (result?.reply !== undefined) {
      state.replies.push(result.reply);
      replies.push(result.reply);
    }
    // Webhooks a call causes go out after its answer, as Meta's do; a bot that is not connected misses them.
    for (const body of result?.webhooks ?? []) {
      if (webhookUrl !== undefined && !closed) void webhook.post(webhookUrl, body).catch(() => undefined);
    }
  };

  const server: GraphServer = await startGraphServer({ config, state, ids, clock, faults, record });
  const timeout = (ms: number | undefined): number => ms ?? config.waitTimeoutMs;

  const target = (): string => {
    if (closed) throw new EmulatorClosedError('delivering a webhook');
    if (webhookUrl === undefined) {
      throw new EmulatorUsageError(
        'No webhook URL: call emulator.connect(url) or pass the webhookUrl option',
      );
    }
    return webhookUrl;
  };
  const deliver = async (body: unknown, deliverOptions?: DeliverOptions): Promise<DeliveryResult> =>
    webhook.post(target(), body, deliverOptions);

  const hub: SimulationHub = {
    config,
    state,
    ids,
    clock,
    deliver,
    sent: () => messages.items,
    takeMessages: (n, predicate, ms) => messages.take(n, predicate, timeout(ms)),
    nextMessage: (predicate, ms) => messages.takeOne(predicate, timeout(ms)),
    nextReply: (predicate, ms) => replies.takeOne(predicate, timeout(ms)),
  };
  const users = new Map<string, SimulatedUser>();

  const emulator: Emulator = {
    url: server.url,
    port: server.port,
    config,
    get webhookUrl() {
      return webhookUrl;
    },
    connect: (url) => {
      webhookUrl = url;
    },
    verifyWebhook: async (o = {}) =>
      webhook.verify(target(), o.verifyToken ?? config.verifyToken, o.challenge ?? ids.numeric('1')),
    deliver,
    sendBatch: (items, o = {}) =>
      deliver(messagingBody(o.platform ?? 'messenger', items, { standby: o.standby === true }), o.deliver),
    user: (id, o = {}) => {
      const key = `${o.platform ?? 'messenger'}:${o.accountId ?? ''}:${id}`;
      let user = users.get(key);
      if (user === undefined) {
        user = createUser(hub, id, o);
        users.set(key, user);
      } else if (o.profile !== undefined) state.userProfiles.set(id, { ...o.profile });
      return user;
    },
    instagram: createInstagramSimulator(hub),
    handover: createHandoverSimulator(hub),
    get requests() {
      return requests.items;
    },
    get sent() {
      return messages.items;
    },
    get actions() {
      return actions;
    },
    requests$: requests$.asObservable(),
    sent$: sent$.asObservable(),
    nextMessage: (predicate, o) => messages.takeOne(predicate ?? (() => true), timeout(o?.timeoutMs)),
    waitForMessages: (n, o) => messages.take(n, o?.predicate ?? (() => true), timeout(o?.timeoutMs)),
    nextRequest: async (match, o) => {
      const predicate =
        typeof match === 'function'
          ? match
          : (r: RecordedRequest): boolean => matchesRequest(match ?? {}, r.method, r.path);
      const [request] = await requests.take(1, predicate, timeout(o?.timeoutMs));
      if (request === undefined) throw new EmulatorUsageError('no request');
      return request;
    },
    failNext: (rule = {}) => faults.failNext(rule),
    delay: (ms, match) => faults.delay(ms, match),
    state,
    reset: () => {
      requests.clear();
      messages.clear();
      replies.clear();
      actions.length = 0;
      clearState(state);
      users.clear();
      faults.clear(config.latencyMs);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      requests.close();
      messages.close();
      replies.close();
      requests$.complete();
      sent$.complete();
      await Promise.all([server.close(), webhook.close()]);
    },
  };
  return emulator;
}
