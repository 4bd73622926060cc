/**
 * messenger-rx for Botkit: `MessengerAdapter`, a botbuilder adapter that plugs messenger-rx's verified webhooks,
 * typed events and Graph client into Botkit 4 (`messenger-rx/botkit`; botkit and botbuilder are optional peers).
 */
export { AdapterNotAttachedError, MessengerAdapter } from './adapter.js';
export type { MessengerAdapterOptions, TurnLogic } from './adapter.js';
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
