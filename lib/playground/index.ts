/**
 * messenger-rx/playground: a web page where you chat with your bot as Messenger and Instagram users would,
 * against the built-in emulator, with every webhook and Graph call shown beside the chat.
 */

// Starting it, and what it runs.
export { startPlayground, DEFAULT_PROFILE } from './playground.js';
export type { Playground, PlaygroundOptions, PlaygroundProfiles } from './playground.js';
export type { BotFileFactory } from '../cli/index.js';

// What goes wrong.
export { PlaygroundStartError, PlaygroundRequestError } from './errors.js';
