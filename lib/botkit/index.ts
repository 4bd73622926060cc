/**
 * messenger-rx for Botkit: `MessengerAdapter`, a botbuilder adapter that plugs messenger-rx's verified webhooks,
 * typed events and Graph client into Botkit 4 (`messenger-rx/botkit`; botkit and botbuilder are optional peers).
 *
 * Install: `npm install botkit botbuilder rimraf`. botbuilder-dialogs (a dependency of botkit) runs `npx rimraf`
 * in its postinstall; where npx may not download (offline, a locked registry) that install fails unless rimraf
 * is already in the app's own dependencies (npx then uses the local one) or npm runs with `--ignore-scripts`
 * (the script only deletes nested duplicate copies of a recognizers package, so skipping it is harmless).
 */
export { AdapterNotAttachedError, MessengerAdapter } from './adapter.js';
export type { AdapterStats, MessengerAdapterOptions, TurnLogic } from './adapter.js';
/** The `dedup` option of the adapter, shared with the Bot. */
export type { DedupOption } from '../delivery/index.js';
export { MessengerBotWorker } from './worker.js';
export { NotSupportedByMessengerError, UnroutableActivityError, UnsupportedActivityError } from './errors.js';
export type { MessengerChannelData } from './incoming.js';
export { activityOfEvent } from './incoming.js';
export { botkitEventName, legacyFacebookEventName } from './names.js';
export type { EventNamer } from './names.js';
export { OutgoingChannelDataC, planActivity, routeOfActivity } from './outgoing.js';
export type { OutgoingChannelData, SendStep } from './outgoing.js';
export { rawBodyVerify } from './raw-body.js';
export {
  ConversationRouteC,
  INSTAGRAM_CHANNEL_ID,
  MESSENGER_CHANNEL_ID,
  ROUTE_PROPERTY,
  conversationIdOf,
  routeOfEvent,
} from './route.js';
export type { ConversationRoute, DirectPlatform } from './route.js';
