/** The context a flow gets for an event it already handled: same data, replies that send nothing. */
import type { Context } from '../bot/context.js';
import type { Reply } from '../bot/reply.js';
import type { WebhookEvent } from '../events/index.js';

/** Reply helpers that send nothing: what a replayed step "sends" was sent when the step first ran. */
const silentReply: Reply = {
  text: () => Promise.resolve({ id: '' }),
  quickReplies: () => Promise.resolve({ message_id: '' }),
  attachment: () => Promise.resolve({ message_id: '' }),
  template: () => Promise.resolve({ message_id: '' }),
  typing: () => Promise.resolve({}),
  markSeen: () => Promise.resolve({}),
  react: () => Promise.resolve({}),
  privately: () => Promise.resolve({ message_id: '' }),
  comment: () => Promise.resolve({ id: '' }),
};

/**
 * Reply helpers that send nothing while the flow replays, and answer the live event once it reached it (a flow
 * replying through an earlier event's context after its last wait answers the event being handled).
 */
function switchingReply(live: Context, replaying: () => boolean): Reply {
  const pick = (): Reply => (replaying() ? silentReply : live.reply);
  return {
    text: (...args) => pick().text(...args),
    quickReplies: (...args) => pick().quickReplies(...args),
    attachment: (...args) => pick().attachment(...args),
    template: (...args) => pick().template(...args),
    typing: (...args) => pick().typing(...args),
    markSeen: () => pick().markSeen(),
    react: (...args) => pick().react(...args),
    privately: (...args) => pick().privately(...args),
    comment: (...args) => pick().comment(...args),
  };
}

/**
 * A context for a recorded event, built on the live one: it inherits everything the live context has (`api`,
 * `session`, `conversation`, methods of a custom Context class) and has its own `event`, no `match`, the live
 * context's `signal`, and a `reply` that is silent while `replaying()` and the live context's afterwards.
 */
export function replayContext<C extends Context>(live: C, event: WebhookEvent, replaying: () => boolean): C {
  const ctx = Object.create(live) as C;
  Object.defineProperties(ctx, {
    event: { value: event, enumerable: true },
    match: { value: undefined, writable: true, enumerable: true },
    reply: { value: switchingReply(live, replaying), enumerable: false },
    signal: { get: () => live.signal, enumerable: false },
  });
  return ctx;
}
