import { Context } from '../../lib/bot/context.js';
import type { Composer } from '../../lib/composer/index.js';
import type { WebhookEvent } from '../../lib/events/index.js';
import { GraphClient } from '../../lib/graph/index.js';

/** A Graph client pointed at a closed loopback port: composition specs make no Graph calls. */
const api = new GraphClient({ accessToken: 'TOKEN', baseUrl: 'http://127.0.0.1:1', retry: false });

/** A fresh context for an event. */
export function contextOf(event: WebhookEvent): Context {
  return new Context(event, api);
}

/** Runs a composer's chain for one event, as the Bot does, and returns the context it ran with. */
export async function runChain(composer: Composer, event: WebhookEvent): Promise<Context> {
  const ctx = contextOf(event);
  await composer.middleware()(ctx, () => Promise.resolve());
  return ctx;
}
