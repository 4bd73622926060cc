/**
 * The replay engine: runs a flow function from the start over the events it already received (with silent
 * replies) and the live one, and stops it where it waits for more.
 */
import type { Context } from '../bot/context.js';
import type { Filter } from '../composer/filter.js';
import { predicateFor, type Query, type WebhookEvent } from '../events/index.js';
import type { QuickReply } from '../graph/index.js';
import { replayContext } from './silent.js';

/** What `conv.waitFor` and `conv.ask` do with an event that does not match. */
export interface WaitForOptions<C extends Context> {
  /**
   * Called with the context of an event that does not match (its replies answer that event); the flow keeps
   * waiting. Default: nothing (the event is taken by the flow and ignored).
   */
  otherwise?: (ctx: C) => unknown;
}

/** Options of `conv.ask`. */
export interface AskOptions<C extends Context, Q extends Query = 'message:text'> extends WaitForOptions<C> {
  /** Quick replies offered with the prompt. */
  quickReplies?: readonly QuickReply[];
  /** What counts as an answer; default `'message:text'` (quick reply taps are text messages too). */
  query?: Q | readonly Q[];
}

/**
 * The handle a flow gets as its first argument. Code between two waits runs again on every later event (the
 * flow is replayed from the start), so keep it free of side effects other than `ctx.reply.*`, which sends only
 * the first time: `conv.replaying` tells the two runs apart.
 */
export interface Conversation<C extends Context> {
  /** The flow's name. */
  readonly name: string;
  /** True while the flow re-runs steps it already took (their replies are not sent again). */
  readonly replaying: boolean;
  /** The next event of this conversation, whatever it is. */
  wait(): Promise<C>;
  /** The next event matching the query; `otherwise` is called for the others, and the flow keeps waiting. */
  waitFor<Q extends Query>(query: Q | readonly Q[], options?: WaitForOptions<C>): Promise<Filter<C, Q>>;
  /**
   * Sends `text` (with quick replies, if given) in answer to the event being handled, then waits for an answer
   * (`'message:text'` by default). An event that is no answer gets `otherwise`, by default the prompt again.
   */
  ask<Q extends Query = 'message:text'>(text: string, options?: AskOptions<C, Q>): Promise<Filter<C, Q>>;
}

/** A flow: `async function order(conv, ctx) { ... }`, where `ctx` is the context of the event that entered it. */
export type ConversationFn<C extends Context> = (conv: Conversation<C>, ctx: C) => unknown;

/** How one run of a flow ended. */
export type RunOutcome =
  | { readonly status: 'waiting'; readonly consumed: number }
  | { readonly status: 'done'; readonly consumed: number }
  | { readonly status: 'failed'; readonly error: unknown };

/** The signal a suspended wait sends the runner. */
const SUSPENDED: unique symbol = Symbol('suspended');

class FlowRun<C extends Context> implements Conversation<C> {
  private next = 1;
  private current: C;
  private resolveSuspended: (value: typeof SUSPENDED) => void = () => undefined;
  /** Resolves when the flow asks for an event beyond the inputs. */
  readonly suspended = new Promise<typeof SUSPENDED>((resolve) => (this.resolveSuspended = resolve));
  /** The contexts to answer with, in order: the recorded events' (silent while replaying), then the live one. */
  readonly inputs: readonly C[];
  private readonly liveIndex: number;

  constructor(
    readonly name: string,
    recorded: readonly WebhookEvent[],
    live: C,
  ) {
    this.inputs = [...recorded.map((event) => replayContext(live, event, () => this.replaying)), live];
    this.liveIndex = recorded.length;
    this.current = this.inputs[0] as C;
  }

  get consumed(): number {
    return this.next;
  }

  get replaying(): boolean {
    return this.next - 1 < this.liveIndex;
  }

  wait(): Promise<C> {
    const ctx = this.inputs[this.next];
    if (ctx === undefined) {
      this.resolveSuspended(SUSPENDED);
      return new Promise<C>(() => undefined);
    }
    this.next += 1;
    this.current = ctx;
    return Promise.resolve(ctx);
  }

  async waitFor<Q extends Query>(
    query: Q | readonly Q[],
    options?: WaitForOptions<C>,
  ): Promise<Filter<C, Q>> {
    const matches = predicateFor(query);
    for (;;) {
      const ctx = await this.wait();
      if (matches(ctx.event as WebhookEvent)) return ctx as unknown as Filter<C, Q>;
      await options?.otherwise?.(ctx);
    }
  }

  async ask<Q extends Query = 'message:text'>(
    text: string,
    options?: AskOptions<C, Q>,
  ): Promise<Filter<C, Q>> {
    const prompt = (ctx: C): Promise<unknown> =>
      options?.quickReplies === undefined
        ? ctx.reply.text(text)
        : ctx.reply.quickReplies(text, options.quickReplies);
    await prompt(this.current);
    const query = options?.query ?? ('message:text' as Q);
    return this.waitFor(query, { otherwise: options?.otherwise ?? prompt });
  }
}

/**
 * Runs `fn` over the recorded events (the entering one first; none when entering) and then the live context:
 * every `wait()` answers with the next of them, and the first `wait()` past the live one stops the run
 * ('waiting'). 'done' when the function returned, 'failed' when it threw; `consumed` counts the events used
 * (the live one included when it is `recorded.length + 1`).
 */
export async function runFlow<C extends Context>(
  name: string,
  fn: ConversationFn<C>,
  recorded: readonly WebhookEvent[],
  live: C,
): Promise<RunOutcome> {
  const run = new FlowRun(name, recorded, live);
  try {
    const finished = Promise.resolve().then(() => fn(run, run.inputs[0] as C));
    // A flow stopped at a wait never settles; anything it started beside the wait must not go unhandled.
    finished.catch(() => undefined);
    const result = await Promise.race([finished, run.suspended]);
    if (result === SUSPENDED) return { status: 'waiting', consumed: run.consumed };
    return { status: 'done', consumed: run.consumed };
  } catch (error) {
    return { status: 'failed', error };
  }
}
