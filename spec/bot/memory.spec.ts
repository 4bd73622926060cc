import assert from 'node:assert/strict';
import { Bot } from '../../lib/bot/index.js';
import { MemoryDedupStore } from '../../lib/delivery/index.js';
import { decodeAll, messagingBody, textItem, until } from './fixtures.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('Bot memory', function () {
  this.timeout(60_000);

  it('forgets idle conversations: 100,000 distinct senders leave no per-conversation state behind', async () => {
    const store = new MemoryDedupStore({ maxSize: 10_000 });
    const bot = new Bot({
      appSecret: 'app-secret',
      verifyToken: 'verify',
      accessToken: 'TOKEN',
      graph: { baseUrl: 'http://127.0.0.1:1', retry: false },
      dedup: { store },
      concurrency: 64,
      maxQueued: 5_000,
    });
    let handled = 0;
    let peakConversations = 0;
    bot.on('message:text', async () => {
      await Promise.resolve();
      handled += 1;
    });
    const senders = 100_000;
    const batch = 1_000; // Meta's largest batch
    for (let start = 0; start < senders; start += batch) {
      const items = Array.from({ length: batch }, (_, n) => textItem(`psid-${start + n}`, 'hello'));
      const events = decodeAll(messagingBody(items));
      // Like Meta retrying a refused POST: wait while the bot is full.
      while (bot.stats().backlog + batch > 5_000) await tick();
      void bot.receive(events);
      peakConversations = Math.max(peakConversations, bot.stats().conversations);
    }
    await until(() => bot.stats().backlog === 0, 30_000);
    assert.equal(handled, senders);
    assert.deepEqual(bot.stats(), { conversations: 0, queued: 0, running: 0, backlog: 0, duplicates: 0 });
    assert.ok(
      peakConversations <= 5_000,
      `at most maxQueued conversations at once (saw ${peakConversations})`,
    );
    assert.ok(store.size <= 10_000, 'the dedup store stays within its bound');
    await bot.stop();
  });
});
