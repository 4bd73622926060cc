/**
 * Multi-turn flows, grammY style: `conversations()`, `createConversation(fn)`, `ctx.conversation.enter/exit`,
 * and inside a flow `conv.wait()`, `conv.waitFor(query)` and `conv.ask(text)`. A flow's state (the events it
 * received) lives in the session storage and is replayed on each event, so it survives a restart.
 */
export { conversations } from './conversations.js';
export type { ConversationFlavor } from './conversations.js';
export { createConversation } from './create.js';
export type { Conversation, ConversationFn } from './replay.js';
export { ConversationError } from './errors.js';
