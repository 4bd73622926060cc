import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import { BotWorker } from 'botkit';
import type { BotkitMessage } from 'botkit';
import type { GraphClient } from '../graph/index.js';
import type { Participant } from '../events/index.js';
import type { ReferenceOptions, WorkerAdapter } from './types.js';

function isMessengerAdapter(value: unknown): value is WorkerAdapter {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'messenger-rx';
}

/**
 * The Botkit `bot` handed to handlers when the `MessengerAdapter` is in use: Botkit's BotWorker plus
 * `bot.api`, the adapter's messenger-rx GraphClient, and `startConversationWithUser` for proactive messages.
 * Botkit types handlers' `bot` as BotWorker; cast it (`bot as MessengerBotWorker`) to reach these.
 */
export class MessengerBotWorker extends BotWorker {
  /** The messenger-rx Graph API client of the adapter that spawned this bot. */
  get api(): GraphClient {
    return this.adapter.api;
  }

  /**
   * Sends a message (a string or a Botkit message object) in the current conversation. Unlike Botkit 4.15's
   * own `say`, a failed send (a GraphApiError, an UnroutableActivityError, ...) rejects instead of never settling.
   */
  override say(message: Partial<BotkitMessage> | string): Promise<ResourceResponse | undefined> {
    const activity = this.ensureMessageFormat(message);
    return new Promise((resolve, reject) => {
      this.controller.middleware.send.run(
        this,
        activity,
        (error: unknown, _bot: unknown, outgoing: Partial<Activity>) => {
          if (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          const context = this.getConfig('context') as TurnContext;
          context.sendActivity(outgoing).then(resolve, reject);
        },
      );
    });
  }

  /**
   * Points this bot at a direct conversation with a user (a PSID / IGSID string or `{ user_ref }`) so that
   * `bot.say()` and `bot.beginDialog()` reach them; `accountId` defaults to the adapter's `accountId` option.
   */
  override async startConversationWithUser(
    user: string | Participant,
    options: ReferenceOptions = {},
  ): Promise<void> {
    await this.changeContext(this.adapter.referenceTo(user, options));
  }

  private get adapter(): WorkerAdapter {
    const adapter: unknown = this.getConfig('adapter');
    if (!isMessengerAdapter(adapter)) {
      throw new TypeError('MessengerBotWorker needs a bot spawned from a messenger-rx MessengerAdapter');
    }
    return adapter;
  }
}
