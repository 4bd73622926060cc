/** The io-ts codecs behind every event type, for callers who validate Meta payloads themselves. */
export * from './attachments.js';
export * from './changes.js';
export * from './common.js';
export * from './envelope.js';
export * from './instagram.js';
export * from './messaging.js';
export { MessagingItemC } from '../kinds.js';
export type { MessagingItem, MessagingKey } from '../kinds.js';
