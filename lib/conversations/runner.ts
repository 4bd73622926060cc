/** Starting and resuming a flow: replay over the recorded events, then the new state of the conversation. */
import type { Context } from '../bot/context.js';
import type { WebhookEvent } from '../events/index.js';
import { runFlow, type ConversationFn, type RunOutcome } from './replay.js';
import type { ConversationState } from './state.js';

/** What the runner needs from the conversation's control: when the event came, and where the new state goes. */
export interface FlowHost {
  /** When the event being handled reached `conversations()` (epoch ms): the flow's new `lastActive`. */
  readonly receivedAt: number;
  update(state: ConversationState | undefined): void;
}

/**
 * Applies a run's outcome: a waiting flow is saved with the events it consumed, a finished or failed one is
 * removed (a failure is thrown on). Answers whether the live event (the last input) was consumed.
 */
function settle(host: FlowHost, name: string, outcome: RunOutcome, inputs: readonly WebhookEvent[]): boolean {
  if (outcome.status === 'failed') {
    host.update(undefined);
    throw outcome.error;
  }
  if (outcome.status === 'done') {
    host.update(undefined);
    return outcome.consumed >= inputs.length;
  }
  host.update({ name, events: inputs.slice(0, outcome.consumed), lastActive: host.receivedAt });
  return true;
}

/** Runs a flow from its entering event (the live context) until it waits or ends. */
export async function enterFlow<C extends Context>(
  host: FlowHost,
  name: string,
  fn: ConversationFn<C>,
  ctx: C,
): Promise<void> {
  settle(host, name, await runFlow(name, fn, [], ctx), [ctx.event]);
}

/**
 * Re-runs a flow in progress from the start: the recorded events with silent replies, then the live context.
 * Answers whether the flow took the live event (false: it ended without asking for it, so the event goes on).
 */
export async function resumeFlow<C extends Context>(
  host: FlowHost,
  state: ConversationState,
  fn: ConversationFn<C>,
  ctx: C,
): Promise<boolean> {
  const outcome = await runFlow(state.name, fn, state.events, ctx);
  return settle(host, state.name, outcome, [...state.events, ctx.event]);
}
