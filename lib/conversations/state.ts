/** The stored state of a flow in progress: what replay needs to bring it back to where it waits. */
import type { WebhookEvent } from '../events/index.js';

/**
 * A flow in progress, as kept in the storage: its name, every event it received so far (the entering event
 * first, as decoded JSON), and when it last received one (epoch ms, for the idle timeout).
 */
export interface ConversationState {
  readonly name: string;
  readonly events: readonly WebhookEvent[];
  readonly lastActive: number;
}

/** True when a stored value has the shape of a {@link ConversationState}. */
export function isConversationState(value: unknown): value is ConversationState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Partial<Record<keyof ConversationState, unknown>>;
  return (
    typeof state.name === 'string' &&
    typeof state.lastActive === 'number' &&
    Array.isArray(state.events) &&
    state.events.length > 0 &&
    state.events.every((event) => typeof event === 'object' && event !== null && 'type' in event)
  );
}
