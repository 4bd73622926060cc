/**
 * messenger-rx for Botkit: `MessengerAdapter`, a botbuilder adapter that plugs messenger-rx's verified webhooks,
 * typed events and Graph client into Botkit 4 (`messenger-rx/botkit`; botkit and botbuilder are optional peers).
 *
 * Install: `npm install botkit botbuilder rimraf`. botbuilder-dialogs (a dependency of botkit) runs `npx rimraf`
 * in its postinstall; where npx may not download (offline, a locked registry) that install fails unless rimraf
 * is already in the app's own dependencies (npx then uses the local one) or npm runs with `--ignore-scripts`
 * (the script only deletes nested duplicate copies of a recognizers package, so skipping it is harmless).
 */

// The adapter, its options and the BotWorker Botkit hands to handlers.
export { MessengerAdapter } from './adapter.js';
export type { AdapterStats, MessengerAdapterOptions } from './adapter.js';
export type { TurnLogic } from './types.js';
export { MessengerBotWorker } from './worker.js';
export { rawBodyVerify } from './raw-body.js';

// Activities: the channel data of incoming and outgoing activities, channel ids and Botkit event names.
export type { MessengerChannelData } from './incoming.js';
export type { OutgoingChannelData } from './outgoing.js';
export { INSTAGRAM_CHANNEL_ID, MESSENGER_CHANNEL_ID } from './route.js';
export type { ConversationRoute, DirectPlatform } from './route.js';
export { botkitEventName, legacyFacebookEventName, BOTKIT_EVENT_NAMES } from './names.js';
export type { EventNamer } from './names.js';

// What goes wrong.
export {
  AdapterNotAttachedError,
  NotSupportedByMessengerError,
  UnroutableActivityError,
  UnsupportedActivityError,
} from './errors.js';
