import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { Bot } from '../../lib/bot/index.js';
import { runBotConsole } from '../../lib/cli/console.js';

describe('the console (in process, against the emulator)', () => {
  it('keeps the numbered choices of the last message across the sender actions that follow it', async () => {
    const lines: string[] = [];
    await runBotConsole(
      (config) => {
        const bot = new Bot(config);
        bot.on('message:text', async (ctx) => {
          if (ctx.event.message.quick_reply !== undefined) {
            await ctx.reply.text(`picked ${ctx.event.message.quick_reply.payload}`);
            return;
          }
          await ctx.reply.quickReplies('Pick one', [
            { title: 'Tea', payload: 'TEA' },
            { title: 'Coffee', payload: 'COFFEE' },
          ]);
          // Sender actions after the menu: none of them is a new message with choices of its own.
          await ctx.reply.typing();
          await ctx.reply.react('❤');
        });
        return bot;
      },
      { input: Readable.from(['hello\n', '2\n', '/quit\n']), out: (line) => lines.push(line) },
    );
    const transcript = lines.join('\n');
    assert.match(transcript, /\[1\. Tea\] {2}\[2\. Coffee\]/);
    assert.match(transcript, /\(typing_on\)/);
    assert.match(transcript, /\(react\)/);
    assert.doesNotMatch(transcript, /no choice 2/);
    assert.match(transcript, /bot ◂ you: picked COFFEE/);
  });
});
