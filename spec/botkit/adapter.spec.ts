import assert from 'node:assert/strict';
import http from 'node:http';
import { MemoryStorage, TurnContext } from 'botbuilder';
import { Botkit } from 'botkit';
import type { BotkitMessage, BotWorker } from 'botkit';
import express from 'express';
import nock from 'nock';
import {
  AdapterNotAttachedError,
  MessengerAdapter,
  NotSupportedByMessengerError,
  rawBodyVerify,
} from '../../lib/botkit/index.js';
import { SIGNATURE_HEADER, WebhookSetupError, signBody } from '../../lib/webhook/index.js';
import { useNock } from '../support/nock.js';
import {
  APP_SECRET,
  GRAPH,
  PAGE_ID,
  VERIFY_TOKEN,
  adapterOptions,
  close,
  listen,
  pageBody,
  postSigned,
  textItem,
  urlOf,
} from './helpers.js';

function newAdapter(errors: unknown[]): MessengerAdapter {
  return new MessengerAdapter(adapterOptions(errors));
}

describe('MessengerAdapter as a botbuilder adapter', function () {
  this.timeout(10_000);

  useNock();

  it('refuses updateActivity and deleteActivity with NotSupportedByMessengerError', async () => {
    const adapter = newAdapter([]);
    const context = new TurnContext(adapter, adapter.referenceTo('psid-1'));
    await assert.rejects(
      context.updateActivity({ id: 'm_1', type: 'message', text: 'edited' }),
      NotSupportedByMessengerError,
    );
    await assert.rejects(context.deleteActivity('m_1'), (error: unknown) => {
      return (
        error instanceof NotSupportedByMessengerError &&
        /deleteActivity is not supported by Messenger/.test(error.message)
      );
    });
  });

  it('sends proactively with continueConversation and returns the message ids', async () => {
    const adapter = newAdapter([]);
    const scope = nock(GRAPH)
      .post(`/v25.0/${PAGE_ID}/messages`, (body: Record<string, unknown>) => {
        assert.deepEqual(body, {
          recipient: { id: 'psid-9' },
          messaging_type: 'UPDATE',
          message: { text: 'Your order shipped' },
        });
        return true;
      })
      .query(true)
      .reply(200, { recipient_id: 'psid-9', message_id: 'm_sent_1' });
    let response: unknown;
    await adapter.continueConversation(adapter.referenceTo('psid-9'), async (context) => {
      response = await context.sendActivity('Your order shipped');
    });
    assert.deepEqual(response, { id: 'm_sent_1' });
    assert.ok(scope.isDone());
  });

  it('serves plain botbuilder logic through processActivity on an express app that parses JSON with rawBodyVerify', async () => {
    const errors: unknown[] = [];
    const adapter = newAdapter(errors);
    const texts: string[] = [];
    const app = express();
    app.use(express.json({ verify: rawBodyVerify }));
    app.post('/webhook', (req, res) => {
      void adapter.processActivity(req, res, async (context) => {
        texts.push(context.activity.text ?? '');
      });
    });
    const server = await listen(app);
    try {
      const answer = await postSigned(
        `${urlOf(server)}/webhook`,
        pageBody([textItem('psid-2', 'from express')]),
      );
      assert.equal(answer.status, 200);
      await adapter.idle();
      assert.deepEqual(texts, ['from express']);
      assert.deepEqual(errors, []);
    } finally {
      await close(server);
    }
  });

  it('answers 500 and reports a WebhookSetupError when a JSON parser without rawBodyVerify ate the raw bytes', async () => {
    const errors: unknown[] = [];
    const adapter = newAdapter(errors);
    const app = express();
    app.use(express.json());
    app.post('/webhook', (req, res) => void adapter.processActivity(req, res, async () => undefined));
    const server = await listen(app);
    try {
      const answer = await postSigned(
        `${urlOf(server)}/webhook`,
        pageBody([textItem('psid-3', 'lost bytes')]),
      );
      assert.equal(answer.status, 500);
      assert.ok(errors[0] instanceof WebhookSetupError);
    } finally {
      await close(server);
    }
  });

  it('drops Meta’s redelivery of the same message and keeps one conversation’s turns in order', async () => {
    const adapter = newAdapter([]);
    const order: string[] = [];
    let release: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (release = resolve));
    const server = await listen((req, res) => {
      void adapter.processActivity(req, res, async (context) => {
        const text = context.activity.text ?? '';
        if (text === 'one') await first;
        order.push(text);
      });
    });
    try {
      const one = textItem('psid-4', 'one');
      assert.equal((await postSigned(urlOf(server), pageBody([one]))).status, 200);
      assert.equal((await postSigned(urlOf(server), pageBody([one]))).status, 200);
      assert.equal((await postSigned(urlOf(server), pageBody([textItem('psid-4', 'two')]))).status, 200);
      assert.equal(
        (await postSigned(urlOf(server), pageBody([textItem('psid-5', 'other user')]))).status,
        200,
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(order, ['other user']);
      release();
      await adapter.idle();
      assert.deepEqual(order, ['other user', 'one', 'two']);
    } finally {
      await close(server);
    }
  });

  it('reports events that reach adapter.webhook before any Botkit controller uses the adapter', async () => {
    const errors: unknown[] = [];
    const adapter = newAdapter(errors);
    const raw = JSON.stringify(pageBody([textItem('psid-6', 'too early')]));
    const response = await adapter.webhook.handle({
      method: 'POST',
      query: {},
      headers: { [SIGNATURE_HEADER]: signBody(raw, APP_SECRET) },
      body: new TextEncoder().encode(raw),
    });
    assert.equal(response.status, 200);
    assert.ok(errors[0] instanceof AdapterNotAttachedError);
  });

  it('works under Botkit with the app’s own express server (`webserver` option) and a throwing handler does not block the next turn', async () => {
    const errors: unknown[] = [];
    const adapter = newAdapter(errors);
    const app = express();
    app.use(express.json({ verify: rawBodyVerify }));
    const controller = new Botkit({
      adapter,
      webserver: app,
      webhook_uri: '/bot',
      storage: new MemoryStorage(),
      disable_console: true,
    });
    const heard: string[] = [];
    controller.hears('boom', 'message', async () => {
      throw new Error('handler exploded');
    });
    controller.on('message', async (_bot: BotWorker, message: BotkitMessage) => {
      heard.push(message.text ?? '');
    });
    const server = await listen(app);
    try {
      const handshake = await new Promise<number>((resolve) => {
        http.get(
          `${urlOf(server)}/bot?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=7`,
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
      });
      assert.equal(handshake, 200);
      assert.equal(
        (await postSigned(`${urlOf(server)}/bot`, pageBody([textItem('psid-7', 'boom')]))).status,
        200,
      );
      assert.equal(
        (await postSigned(`${urlOf(server)}/bot`, pageBody([textItem('psid-7', 'still here')]))).status,
        200,
      );
      await adapter.idle();
      assert.deepEqual(heard, ['still here']);
      assert.equal(errors.length, 1);
      assert.match(String(errors[0]), /handler exploded/);
    } finally {
      await controller.shutdown();
      await close(server);
    }
  });
});
