/** The playground's feed: every event the page must see, kept (bounded) for pages that connect later. */
import type { FeedEvent } from './types.js';

/** A bounded, ordered history of feed events with live listeners (the page's Server-Sent Events streams). */
export class Feed {
  private readonly history: FeedEvent[] = [];
  private readonly listeners = new Set<(event: FeedEvent) => void>();
  private sequence = 0;

  /** @param limit How many events a page that connects later is replayed (older ones are dropped). */
  constructor(private readonly limit = 5_000) {}

  /** The next sequence number: webhooks, Graph calls and printed lines share one order. */
  nextSeq(): number {
    this.sequence += 1;
    return this.sequence;
  }

  /** Keeps one event and hands it to every listener. */
  publish(event: FeedEvent): void {
    this.history.push(event);
    if (this.history.length > this.limit) this.history.splice(0, this.history.length - this.limit);
    for (const listener of this.listeners) listener(event);
  }

  /** Every event kept so far, oldest first. */
  get events(): readonly FeedEvent[] {
    return this.history;
  }

  /** Listens to new events; answers the function that stops listening. */
  subscribe(listener: (event: FeedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Drops every listener (the server is closing). */
  close(): void {
    this.listeners.clear();
  }
}
