import assert from 'node:assert/strict';
import { InboxOverflowError, InboxStoppedError, MemoryInbox } from '../../lib/delivery/index.js';
import type { WebhookEvent } from '../../lib/events/index.js';
import { deferred, textEvent, until } from '../bot/fixtures.js';

function textOf(event: WebhookEvent): string {
  return event.type === 'message' ? (event.message.text ?? '') : event.type;
}

describe('MemoryInbox (the in-memory delivery of the Bot and the Botkit adapter)', () => {
  it('keeps accepted events until start(), then hands them out after the current turn of the event loop', async () => {
    const inbox = new MemoryInbox();
    const seen: string[] = [];
    inbox.accept([textEvent('u1', 'early')]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(inbox.stats().backlog, 1);
    inbox.start(async (event) => {
      seen.push(textOf(event));
    });
    inbox.accept([textEvent('u1', 'later')]);
    assert.deepEqual(seen, [], 'nothing runs synchronously inside accept or start');
    await inbox.idle();
    assert.deepEqual(seen, ['early', 'later']);
    await inbox.stop();
  });

  it('runs one conversation in order, conversations concurrently up to `concurrency`, and drops redeliveries', async () => {
    const inbox = new MemoryInbox({ concurrency: 2 });
    const gate = deferred();
    const log: string[] = [];
    inbox.start(async (event) => {
      log.push(`start ${textOf(event)}`);
      if (textOf(event) === 'a1') await gate.promise;
      log.push(`end ${textOf(event)}`);
    });
    const dup = textEvent('u1', 'a2', { mid: 'm_dup' });
    inbox.accept([textEvent('u1', 'a1'), dup, dup, textEvent('u2', 'b1'), textEvent('u3', 'c1')]);
    await until(() => log.includes('end c1'));
    assert.deepEqual(inbox.stats(), { conversations: 1, queued: 1, running: 1, backlog: 2, duplicates: 1 });
    assert.ok(!log.includes('start a2'), 'a2 waits for a1 of its conversation');
    gate.resolve();
    await inbox.idle();
    assert.deepEqual(
      log.filter((line) => line.endsWith('a1') || line.endsWith('a2')),
      ['start a1', 'end a1', 'start a2', 'end a2'],
    );
    await inbox.stop();
  });

  it('orders by keyOf when given one', async () => {
    const inbox = new MemoryInbox({ keyOf: () => 'one queue', concurrency: 8 });
    let running = 0;
    let most = 0;
    inbox.start(async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
    });
    inbox.accept([textEvent('u1', 'a'), textEvent('u2', 'b'), textEvent('u3', 'c')]);
    await inbox.idle();
    assert.equal(most, 1);
    await inbox.stop();
  });

  it('refuses a whole batch past maxQueued and takes later ones once there is room', async () => {
    const inbox = new MemoryInbox({ maxQueued: 2 });
    const gate = deferred();
    inbox.start(() => gate.promise);
    inbox.accept([textEvent('u1', 'a'), textEvent('u2', 'b')]);
    assert.throws(
      () => inbox.accept([textEvent('u3', 'c')]),
      (error: unknown) =>
        error instanceof InboxOverflowError && error.limit === 2 && error.events.length === 1,
    );
    assert.equal(inbox.stats().backlog, 2);
    gate.resolve();
    await inbox.idle();
    inbox.accept([textEvent('u3', 'c')]);
    await inbox.idle();
    await inbox.stop();
  });

  it('reports a failing handler and a failing dedup store, and keeps going', async () => {
    const failures: string[] = [];
    const inbox = new MemoryInbox({
      dedup: {
        store: {
          seen: () => {
            throw new Error('store down');
          },
        },
      },
      onDedupError: (error) => failures.push(`dedup ${(error as Error).message}`),
      onHandlerError: (error, event) => failures.push(`handler ${(error as Error).message} ${textOf(event)}`),
    });
    const seen: string[] = [];
    inbox.start(async (event) => {
      if (textOf(event) === 'bad') throw new Error('boom');
      seen.push(textOf(event));
    });
    inbox.accept([textEvent('u1', 'bad'), textEvent('u1', 'good')]);
    await inbox.idle();
    assert.deepEqual(seen, ['good']);
    assert.deepEqual(failures, ['dedup store down', 'dedup store down', 'handler boom bad']);
    await inbox.stop();
  });

  it('stop() refuses new events and resolves once the accepted ones ran', async () => {
    const inbox = new MemoryInbox();
    const seen: string[] = [];
    inbox.start(async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(textOf(event));
    });
    inbox.accept([textEvent('u1', 'a'), textEvent('u1', 'b')]);
    const stopping = inbox.stop();
    assert.throws(() => inbox.accept([textEvent('u1', 'c')]), InboxStoppedError);
    await stopping;
    assert.deepEqual(seen, ['a', 'b']);
    assert.equal(inbox.stop(), stopping);
  });
});
