import assert from 'node:assert/strict';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { fastifyWebhook } from '../../lib/webhook/index.js';
import type { Webhook } from '../../lib/webhook/index.js';
import { assertJsonRouteIntact, describeAdapterRules, useAdapter } from './conformance.js';
import { oneMessage, send, signedHeaders } from './helpers.js';
import type { Running } from './helpers.js';

/** A fastify app with the webhook plugin at /webhook and a JSON route at /api. */
async function mountFastify(webhook: Webhook): Promise<Running> {
  const app = Fastify();
  void app.register(fastifyWebhook(webhook, { path: '/webhook' }));
  app.post('/api', async (request) => ({ got: request.body }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
}

describeAdapterRules('fastify', mountFastify);

describe('webhook over fastify: content types', () => {
  const h = useAdapter(mountFastify);

  it('verifies a POST sent with another content type or none', async () => {
    const body = oneMessage();
    const signature = signedHeaders(body)['x-hub-signature-256'] ?? '';
    for (const headers of [{ 'content-type': 'text/plain' }, {}] as Array<Record<string, string>>) {
      const response = await send(h.port, {
        headers: { ...headers, 'x-hub-signature-256': signature },
        body,
      });
      assert.equal(response.status, 200);
    }
    assert.equal(h.delivered.length, 2);
  });

  it('leaves JSON parsing intact for the rest of the app', () => assertJsonRouteIntact(h.port));
});
