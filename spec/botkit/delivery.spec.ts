import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { MessengerAdapter } from '../../lib/botkit/index.js';
import type { MessengerAdapterOptions, TurnLogic } from '../../lib/botkit/index.js';
import type { DedupStore } from '../../lib/delivery/index.js';
import { adapterOptions, close, listen, pageBody, postSigned, textItem, urlOf } from './helpers.js';

/** An adapter whose turns run `logic`, served by processActivity on a loopback server. */
async function served(
  logic: TurnLogic,
  more: Partial<MessengerAdapterOptions> = {},
  errors: unknown[] = [],
): Promise<{ adapter: MessengerAdapter; server: Server; post: (body: unknown) => Promise<number> }> {
  const adapter = new MessengerAdapter(adapterOptions(errors, more));
  const server = await listen((req, res) => void adapter.processActivity(req, res, logic));
  const post = async (body: unknown): Promise<number> => (await postSigned(urlOf(server), body)).status;
  return { adapter, server, post };
}

function gate(): { opened: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('MessengerAdapter delivery (the Bot’s MemoryInbox, lib/delivery)', function () {
  this.timeout(10_000);

  it('runs at most `concurrency` conversations at once; another conversation waits for a free slot', async () => {
    const first = gate();
    const started: string[] = [];
    const { adapter, server, post } = await served(
      async (context) => {
        const text = context.activity.text ?? '';
        started.push(text);
        if (text === 'slow') await first.opened;
      },
      { concurrency: 1 },
    );
    try {
      assert.equal(await post(pageBody([textItem('psid-a', 'slow')])), 200);
      assert.equal(await post(pageBody([textItem('psid-b', 'other user')])), 200);
      await new Promise((resolve) => setTimeout(resolve, 30));
      assert.deepEqual(started, ['slow']);
      assert.deepEqual(
        { conversations: adapter.stats().conversations, queued: adapter.stats().queued },
        { conversations: 2, queued: 1 },
      );
      first.open();
      await adapter.idle();
      assert.deepEqual(started, ['slow', 'other user']);
      assert.equal(adapter.stats().backlog, 0);
    } finally {
      await close(server);
    }
  });

  it('asks a replaceable DedupStore (`dedup.store`, asynchronous here) with the window, and skips what it has seen', async () => {
    const asked: { key: string; ttlMs: number }[] = [];
    const store: DedupStore = {
      seen: async (key, ttlMs) => {
        asked.push({ key, ttlMs });
        return asked.filter((entry) => entry.key === key).length > 1;
      },
    };
    const heard: string[] = [];
    const { adapter, server, post } = await served(
      async (context) => {
        heard.push(context.activity.text ?? '');
      },
      { dedup: { store, windowMs: 60_000 } },
    );
    try {
      const item = textItem('psid-c', 'once');
      assert.equal(await post(pageBody([item])), 200);
      assert.equal(await post(pageBody([item])), 200);
      assert.equal(await post(pageBody([textItem('psid-c', 'twice')])), 200);
      await adapter.idle();
      assert.deepEqual(heard, ['once', 'twice']);
      assert.equal(asked.length, 3);
      assert.ok(asked.every((entry) => entry.ttlMs === 60_000));
      assert.equal(adapter.stats().duplicates, 1);
    } finally {
      await close(server);
    }
  });

  it('runs a redelivery again with `dedup: false`', async () => {
    const heard: string[] = [];
    const { adapter, server, post } = await served(
      async (context) => {
        heard.push(context.activity.text ?? '');
      },
      { dedup: false },
    );
    try {
      const item = textItem('psid-d', 'again');
      await post(pageBody([item]));
      await post(pageBody([item]));
      await adapter.idle();
      assert.deepEqual(heard, ['again', 'again']);
    } finally {
      await close(server);
    }
  });

  it('reports a failing DedupStore to onError and still runs the turn (fail-open)', async () => {
    const errors: unknown[] = [];
    const heard: string[] = [];
    const store: DedupStore = {
      seen: () => Promise.reject(new Error('store down')),
    };
    const { adapter, server, post } = await served(
      async (context) => {
        heard.push(context.activity.text ?? '');
      },
      { dedup: { store } },
      errors,
    );
    try {
      assert.equal(await post(pageBody([textItem('psid-e', 'kept')])), 200);
      await adapter.idle();
      assert.deepEqual(heard, ['kept']);
      assert.match(String(errors[0]), /store down/);
    } finally {
      await close(server);
    }
  });
});
