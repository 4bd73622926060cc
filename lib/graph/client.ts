import { GraphCore } from './core/client.js';
import type { GraphClientOptions } from './core/client.js';
import { HandoverApi } from './handover.js';
import { InstagramApi } from './instagram.js';
import { PersonasApi } from './personas.js';
import { ProfileApi } from './profile.js';
import { SendApi } from './send.js';
import { SubscriptionsApi } from './subscriptions.js';
import { UsersApi } from './users.js';

/**
 * The Graph API client: the raw `request()` plus the `send`, `instagram`, `subscriptions`, `profile`,
 * `handover`, `users` and `personas` groups.
 * @example
 * const api = new GraphClient({ accessToken: process.env.PAGE_ACCESS_TOKEN, appSecret: process.env.APP_SECRET });
 * await api.send.text('PSID', 'Hello!');
 */
export class GraphClient extends GraphCore {
  /** Send API: messages, quick replies, attachments, templates, sender actions, reactions, uploads. */
  readonly send: SendApi;
  /** Instagram: mention replies, mentioned comments and media, comment replies, private replies. */
  readonly instagram: InstagramApi;
  /** Webhook subscriptions of the app and of pages. */
  readonly subscriptions: SubscriptionsApi;
  /** Messenger profile: get started, greeting, persistent menu, ice breakers, commands. */
  readonly profile: ProfileApi;
  /** Handover and Conversation Routing: pass, take, request and release thread control; the thread owner. */
  readonly handover: HandoverApi;
  /** User profiles of Messenger (PSID) and Instagram (IGSID) users. */
  readonly users: UsersApi;
  /** Personas a page sends as: create, get, list, delete. */
  readonly personas: PersonasApi;

  constructor(options: GraphClientOptions = {}) {
    super(options);
    this.send = new SendApi(this);
    this.instagram = new InstagramApi(this);
    this.subscriptions = new SubscriptionsApi(this, (override) => this.appToken(override));
    this.profile = new ProfileApi(this);
    this.handover = new HandoverApi(this);
    this.users = new UsersApi(this);
    this.personas = new PersonasApi(this);
  }
}
