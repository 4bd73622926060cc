/**
 * The types the adapter and the BotWorker share, in a module of their own so that neither imports the other's
 * module for a type (worker.ts needs the adapter's face; adapter.ts needs the worker class).
 */
import type { ConversationReference, TurnContext } from 'botbuilder';
import type { Participant } from '../events/index.js';
import type { GraphClient } from '../graph/index.js';
import type { DirectPlatform } from './route.js';

/** The bot logic botbuilder runs for a turn (Botkit passes its `handleTurn`). */
export type TurnLogic = (context: TurnContext) => Promise<void>;

/** Where a proactive conversation goes: the platform (default Messenger) and the page or IG account. */
export interface ReferenceOptions {
  platform?: DirectPlatform;
  accountId?: string;
}

/** What a MessengerBotWorker uses of the MessengerAdapter that spawned it. */
export interface WorkerAdapter {
  /** `'messenger-rx'`, how a worker recognises its adapter among Botkit's. */
  readonly name: 'messenger-rx';
  /** The Graph API client replies go through. */
  readonly api: GraphClient;
  /** A conversation reference for a direct conversation with a user. */
  referenceTo(user: string | Participant, options?: ReferenceOptions): Partial<ConversationReference>;
}
