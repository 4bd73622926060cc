/**
 * messenger-rx/playground: a web page where you chat with your bot as Messenger and Instagram users would,
 * against the built-in emulator, with every webhook and Graph call shown beside the chat.
 */
export {
  startPlayground,
  DEFAULT_PROFILE,
  type Playground,
  type PlaygroundOptions,
  type PlaygroundProfiles,
} from './playground.js';
export { PlaygroundStartError, PlaygroundRequestError } from './errors.js';
export type { BotFileFactory } from '../cli/bot-file.js';
export type * from './types.js';
