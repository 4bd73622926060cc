/**
 * The seam between receiving and handling: where acknowledged webhook events wait until a handler runs them.
 * The Bot's default inbox keeps them in memory (one process); `messenger-rx/redis` keeps them in Redis Streams
 * (durable, shared by many processes). The webhook hands every verified POST to `accept`; a worker hands every
 * event it takes to the bot's chain.
 */
import type { Observable } from 'rxjs';
import type { WebhookEvent } from '../events/index.js';

/**
 * Runs one event through the bot's middleware chain. Resolves once the chain (and its replies) finished; the
 * bot reports handler failures and timeouts itself (on `errors$`), so an inbox only learns that the event is done.
 */
export type EventHandler = (event: WebhookEvent) => Promise<void>;

/**
 * Where acknowledged events wait. The webhook answers Meta 200 only after `accept` resolved, and 5xx (so that Meta
 * redelivers) when it rejects: an inbox that resolves has taken responsibility for the events.
 */
export interface Inbox {
  /** Takes the decoded events of one verified webhook POST, in body order. */
  accept(events: readonly WebhookEvent[]): void | Promise<void>;
  /**
   * Starts handing events to `handler`: in webhook order within a conversation (the event's `conversation` key),
   * never two of one conversation at once, concurrently across conversations. Not called on a receiver-only process.
   */
  start(handler: EventHandler): void;
  /** Stops taking events and resolves once the running handlers finished. */
  stop(): Promise<void>;
  /**
   * Optional: the failures the inbox handles itself (a worker's lost connection, a lost lease, a poison entry).
   * The Bot forwards each to `bot.errors$` as a BotInboxError. Failures of `accept` are its rejections instead.
   */
  readonly errors$?: Observable<Error>;
}
