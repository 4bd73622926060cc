/** `createConversation`: registers a flow, and resumes it for the events of a conversation it is active in. */
import type { Context } from '../bot/context.js';
import type { WebhookEvent } from '../events/index.js';
import type { MiddlewareFn } from '../composer/index.js';
import { controlOf, type ConversationFlavor } from './conversations.js';
import type { ConversationFn } from './replay.js';
import { resumeFlow } from './runner.js';

/**
 * Whether a flow takes an event: what the person did, not the page's own echoes, read and delivery receipts,
 * or events of a conversation another app owns (standby). Those pass by a flow, down the chain: a flow waiting
 * for text would otherwise get the echo of its own prompt (and, asking again, loop).
 */
function isFlowInput(event: WebhookEvent): boolean {
  if (event.standby) return false;
  return event.type !== 'echo' && event.type !== 'read' && event.type !== 'delivery';
}

/**
 * Registers a flow under `name` (default the function's name) for `ctx.conversation.enter(name)`, and, while
 * it is active in a conversation, hands it that conversation's events: each event re-runs the function from the
 * start, answering its waits from the events it already received (their replies are not sent again), up to
 * the new event. Events the flow takes do not go further down the chain; with no active flow of this name, for
 * echoes, receipts and standby events (see {@link isFlowInput}), or when the flow ends without taking the
 * event, the event goes on.
 *
 * A flow that throws is over (it can be entered again) and its error reaches `bot.errors$` with the event.
 *
 * @example
 * async function order(conv: Conversation<MyContext>, ctx: MyContext) {
 *   const size = await conv.ask('Which size?', { quickReplies: [{ content_type: 'text', title: 'Large', payload: 'L' }] });
 *   await size.reply.text(`A ${size.event.message.text} one, coming up!`);
 * }
 * bot.use(createConversation(order));
 */
export function createConversation<C extends Context & ConversationFlavor>(
  fn: ConversationFn<C>,
  name: string = fn.name,
): MiddlewareFn<C> {
  if (typeof fn !== 'function') throw new TypeError('createConversation(): give the flow function');
  if (typeof name !== 'string' || name === '') {
    throw new TypeError(
      'createConversation(): give the flow a name (a named function, or the name argument)',
    );
  }
  return async (ctx, next) => {
    const control = controlOf(ctx);
    control.flows.set(name, fn);
    const state = control.state;
    if (state === undefined || state.name !== name || !isFlowInput(ctx.event)) return next();
    const taken = await resumeFlow(control, state, fn, ctx);
    if (!taken) await next();
  };
}
