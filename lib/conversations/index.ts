/**
 * Multi-turn flows, grammY style: `conversations()`, `createConversation(fn)`, `ctx.conversation.enter/exit`,
 * and inside a flow `conv.wait()`, `conv.waitFor(query)` and `conv.ask(text)`. A flow's state (the events it
 * received) lives in the session storage and is replayed on each event, so it survives a restart.
 */
export { conversations } from './conversations.js';
/** `ctx.conversation`, its context flavor, and the options of `conversations()`. */
export type { ConversationControls, ConversationFlavor, ConversationsOptions } from './conversations.js';
export { createConversation } from './create.js';
/** The handle a flow gets, the flow function, and the options of `waitFor` and `ask`. */
export type { AskOptions, Conversation, ConversationFn, WaitForOptions } from './replay.js';
/** The stored state of a flow in progress (for custom storages). */
export type { ConversationState } from './state.js';
export { ConversationError } from './errors.js';
