import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { MemoryStorage } from 'botbuilder';
import { BotkitConversation } from 'botkit';
import type { Botkit, BotkitMessage, BotWorker } from 'botkit';
import nock from 'nock';
import { MessengerAdapter } from '../../lib/botkit/index.js';
import { DEFAULT_SERVER_LIMITS } from '../../lib/webhook/index.js';
import { useNock } from '../support/nock.js';
import type { MessengerBotWorker } from '../../lib/botkit/index.js';
import {
  GRAPH,
  PAGE_ID,
  VERIFY_TOKEN,
  adapterOptions,
  botkitOnLoopback,
  httpRequest,
  pageBody,
  postSigned,
  postbackItem,
  quickReplyItem,
  stopBotkit,
  textItem,
} from './helpers.js';

const WEBHOOK_URI = '/api/messages';

interface SentBody {
  recipient: { id: string };
  messaging_type: string;
  message?: { text?: string; quick_replies?: unknown[] };
  sender_action?: string;
}

/** Expects one Send API call from the page and resolves with its JSON body. */
function expectSend(reply: Record<string, unknown> = {}): Promise<SentBody> {
  return new Promise((resolve) => {
    nock(GRAPH)
      .post(`/v25.0/${PAGE_ID}/messages`, (body: SentBody) => {
        resolve(body);
        return true;
      })
      .query(true)
      .reply(200, { recipient_id: 'x', message_id: `m_out_${Math.random()}`, ...reply });
  });
}

describe('MessengerAdapter under Botkit’s own web server', function () {
  this.timeout(15_000);
  let controller: Botkit;
  let url: string;
  let adapter: MessengerAdapter;
  const errors: unknown[] = [];

  useNock();

  before(async () => {
    adapter = new MessengerAdapter(adapterOptions(errors));
    ({ controller, url } = await botkitOnLoopback({
      adapter,
      storage: new MemoryStorage(),
      webhook_uri: WEBHOOK_URI,
    }));
  });

  after(async () => {
    await stopBotkit(controller);
  });

  afterEach(async () => {
    await adapter.idle();
    assert.deepEqual(errors.splice(0).map(String), []);
  });

  it('answers the GET handshake on webhook_uri with the challenge, and 403 for a wrong token', async () => {
    const ok = await httpRequest(
      `${url}${WEBHOOK_URI}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=4242`,
    );
    assert.equal(ok.status, 200);
    assert.equal(ok.text, '4242');
    const wrong = await httpRequest(
      `${url}${WEBHOOK_URI}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`,
    );
    assert.equal(wrong.status, 403);
  });

  it('refuses unsigned and wrongly signed POSTs without running any handler', async () => {
    let heard = 0;
    controller.hears('unsigned-check', 'message', async () => {
      heard += 1;
    });
    const body = JSON.stringify(pageBody([textItem('u-1', 'unsigned-check')]));
    const unsigned = await httpRequest(`${url}${WEBHOOK_URI}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    assert.equal(unsigned.status, 401);
    const forged = await postSigned(
      `${url}${WEBHOOK_URI}`,
      pageBody([textItem('u-1', 'unsigned-check')]),
      'other',
    );
    assert.equal(forged.status, 403);
    await adapter.idle();
    assert.equal(heard, 0);
  });

  it('answers 413 to a body over the limit without running any handler, and keeps serving', async () => {
    let heard = 0;
    controller.hears('too-big-check', 'message', async () => {
      heard += 1;
    });
    const huge = pageBody([textItem('u-1', `too-big-check ${'x'.repeat(5 * 1024 * 1024)}`)]);
    const refused = await postSigned(`${url}${WEBHOOK_URI}`, huge);
    assert.equal(refused.status, 413);
    assert.ok(!refused.text.includes('too-big-check'), 'the body is never echoed');
    const handshake = await httpRequest(
      `${url}${WEBHOOK_URI}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=7`,
    );
    assert.equal(handshake.status, 200);
    await adapter.idle();
    assert.equal(heard, 0);
  });

  it('gives Botkit’s server the webhook limits (timeouts, connection cap) and 413 before 100 Continue', async () => {
    const server = controller.http as Server;
    assert.equal(server.headersTimeout, DEFAULT_SERVER_LIMITS.headersTimeoutMs);
    assert.equal(server.requestTimeout, DEFAULT_SERVER_LIMITS.requestTimeoutMs);
    assert.equal(server.maxConnections, DEFAULT_SERVER_LIMITS.maxConnections);
    const { port } = server.address() as AddressInfo;
    const seen = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(text));
      socket.write(
        `POST ${WEBHOOK_URI} HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: ${8 * 1024 * 1024}\r\n\r\n`,
      );
    });
    assert.match(seen, /^HTTP\/1\.1 413 /);
    assert.doesNotMatch(seen, /100 Continue/);
  });

  it('runs controller.hears for a signed text message and sends bot.reply through the Send API', async () => {
    controller.hears('hello', 'message', async (bot: BotWorker, message: BotkitMessage) => {
      await bot.reply(message, `Hi ${message.user}, you said: ${message.text}`);
    });
    const sent = expectSend();
    const answer = await postSigned(`${url}${WEBHOOK_URI}`, pageBody([textItem('psid-7', 'hello there')]));
    assert.equal(answer.status, 200);
    const body = await sent;
    assert.deepEqual(body.recipient, { id: 'psid-7' });
    assert.equal(body.messaging_type, 'RESPONSE');
    assert.equal(body.message?.text, 'Hi psid-7, you said: hello there');
  });

  it('checks the signature on the exact bytes, even with non-ASCII text and a body over Botkit’s 100 kB JSON limit', async () => {
    const heard: string[] = [];
    controller.hears('grüße', 'message', async (_bot: BotWorker, message: BotkitMessage) => {
      heard.push(message.text ?? '');
    });
    const padding = 'x'.repeat(150_000);
    const items = [textItem('psid-big', `grüße äöå ${padding}`)];
    const answer = await postSigned(`${url}${WEBHOOK_URI}`, pageBody(items));
    assert.equal(answer.status, 200);
    await adapter.idle();
    assert.equal(heard.length, 1);
    assert.ok(heard[0]?.startsWith('grüße äöå'));
  });

  it('answers 200 before the handlers run (ack-before-handlers) and reports a failing handler to onError', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    controller.hears('slow-handler', 'message', async () => {
      await gate;
      finished = true;
      throw new Error('handler failed after the ack');
    });
    const answer = await postSigned(
      `${url}${WEBHOOK_URI}`,
      pageBody([textItem('psid-slow', 'slow-handler')]),
    );
    assert.equal(answer.status, 200);
    assert.equal(finished, false);
    release();
    await adapter.idle();
    assert.equal(finished, true);
    assert.equal(errors.length, 1);
    assert.match(String(errors.splice(0)[0]), /handler failed after the ack/);
  });

  it('runs a multi-turn BotkitConversation whose quick-reply answers arrive as payloads', async () => {
    const convo = new BotkitConversation('pizza-order', controller);
    convo.ask(
      {
        text: ['Which size?'],
        quick_replies: [
          { title: 'Small', payload: 'small' },
          { title: 'Large', payload: 'large' },
        ],
      },
      [],
      'size',
    );
    convo.say('One {{vars.size}} pizza coming up.');
    controller.addDialog(convo);
    controller.hears('pizza', 'message', async (bot: BotWorker) => {
      await bot.beginDialog('pizza-order');
    });

    const question = expectSend();
    assert.equal(
      (await postSigned(`${url}${WEBHOOK_URI}`, pageBody([textItem('psid-pizza', 'pizza')]))).status,
      200,
    );
    const asked = await question;
    assert.equal(asked.message?.text, 'Which size?');
    assert.deepEqual(asked.message?.quick_replies, [
      { content_type: 'text', title: 'Small', payload: 'small' },
      { content_type: 'text', title: 'Large', payload: 'large' },
    ]);
    await adapter.idle();

    const confirmation = expectSend();
    const tap = quickReplyItem('psid-pizza', 'Large', 'large');
    assert.equal((await postSigned(`${url}${WEBHOOK_URI}`, pageBody([tap]))).status, 200);
    assert.equal((await confirmation).message?.text, 'One large pizza coming up.');
  });

  it('emits postbacks as the `postback` event with the payload as text', async () => {
    const seen: BotkitMessage[] = [];
    controller.on('postback', async (_bot: BotWorker, message: BotkitMessage) => {
      seen.push(message);
    });
    await postSigned(
      `${url}${WEBHOOK_URI}`,
      pageBody([postbackItem('psid-pb', 'Get Started', 'GET_STARTED')]),
    );
    await adapter.idle();
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.type, 'postback');
    assert.equal(seen[0]?.text, 'GET_STARTED');
    assert.deepEqual((seen[0] as unknown as { postback: unknown }).postback, {
      mid: (seen[0] as unknown as { postback: { mid: string } }).postback.mid,
      title: 'Get Started',
      payload: 'GET_STARTED',
    });
  });

  it('sends proactively to a saved message.reference with messaging_type UPDATE, and exposes bot.api', async () => {
    let saved: BotkitMessage | undefined;
    controller.hears('remind me', 'message', async (bot: BotWorker, message: BotkitMessage) => {
      saved = message;
      assert.equal((bot as MessengerBotWorker).api, adapter.api);
      await bot.reply(message, 'I will remind you.');
    });
    const ack = expectSend();
    await postSigned(`${url}${WEBHOOK_URI}`, pageBody([textItem('psid-later', 'remind me')]));
    await ack;
    await adapter.idle();
    assert.ok(saved);

    const reminder = expectSend();
    const bot = await controller.spawn();
    await bot.changeContext(saved.reference);
    await bot.say('Reminder: water the plants.');
    const body = await reminder;
    assert.deepEqual(body.recipient, { id: 'psid-later' });
    assert.equal(body.messaging_type, 'UPDATE');
    assert.equal(body.message?.text, 'Reminder: water the plants.');

    const direct = expectSend();
    const other = (await controller.spawn()) as MessengerBotWorker;
    await other.startConversationWithUser('psid-new');
    await other.say({ type: 'typing' });
    const typing = await direct;
    assert.deepEqual(typing, { recipient: { id: 'psid-new' }, sender_action: 'typing_on' });
  });
});
