/** The bot `messenger-rx console` runs when no bot file is given: an echo bot, as `npm run example` starts. */
import { Bot } from '../bot/index.js';
import type { BotConfig } from '../testkit/index.js';

/** Builds the default console bot: it answers every text message with `You said: <text>`. */
export function createDefaultBot(config: BotConfig): Bot {
  const bot = new Bot(config);
  bot.on('message:text', (ctx) => ctx.reply.text(`You said: ${ctx.event.message.text}`));
  return bot;
}
