/**
 * Instagram mentions: when someone @mentions the account in a comment, the bot reads the comment
 * (`GET /{ig-user-id}?fields=mentioned_comment.comment_id(...)`) and replies under it; when the mention is in a
 * post's caption, it reads the caption (`mentioned_media.media_id(...){caption,media_type}`) and replies on the
 * post. Both replies go to `POST /{ig-user-id}/mentions` (with `comment_id` for comments), as Meta documents.
 *
 * Run it locally: `npm run example:instagram` (scripted mentions against the emulator),
 * `npm run example:instagram -- --console` (then `/mention ...` or `/caption ...`), or add `-- --once`.
 *
 * Run it against a real account: set APP_SECRET, VERIFY_TOKEN and PAGE_ACCESS_TOKEN (the token of the page linked
 * to the Instagram professional account; GRAPH_API_URL, PORT optional) and start `npm run example:instagram`;
 * the webhook is at /webhook. Expose it with a tunnel (`ngrok http 3000`), set https://<tunnel>/webhook as the
 * callback URL of the Instagram object in the dashboard and subscribe to the `mentions` field.
 */
import { Bot, type BotOptions } from '../lib/index.js';
import { isMain, runExample, type Example } from './support/run.js';

/**
 * Decides the answer to a mention from what it said, or undefined to stay silent (nothing readable, or the
 * author asked for no reply with `#noreply`).
 */
export function answerTo(kind: 'comment' | 'caption', text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '' || /#noreply\b/i.test(text)) return undefined;
  if (/\bchallenge\b/i.test(text)) return 'Challenge accepted!';
  if (/there can be only one/i.test(text)) return 'MacLeod agrees!';
  return kind === 'comment' ? 'Thanks for the mention! 🙌' : 'Thanks for featuring us in your post! 📸';
}

/** The mentions bot: reads the mentioning comment or caption, then replies to the mention when it has something to say. */
export function createMentionsBot(options: BotOptions): Bot {
  const bot = new Bot(options);
  bot.on('mention', async (ctx) => {
    const mentioned = await ctx.mentioned();
    const answer = answerTo(mentioned.kind, mentioned.text);
    if (answer !== undefined) await ctx.reply.text(answer);
  });
  return bot;
}

/** The mentions example: the two mentions of Meta's documentation, and one that asks for no reply. */
export const instagramMentionsExample: Example<Bot> = {
  script: 'example:instagram',
  title: 'Instagram mentions: read the mentioning comment or caption, then reply to the mention.',
  create: (config) => createMentionsBot(config),
  demo: async (demo) => {
    await demo.mentionInComment('bluebottle_fan', '@emulated_account challenge?');
    await demo.mentionInCaption('macleod', '@emulated_account There can be only one!');
    await demo.mentionInComment('quiet_one', '@emulated_account nice, but #noreply please');
    demo.note('no reply to #noreply');
  },
};

if (isMain(import.meta.url)) process.exitCode = await runExample(instagramMentionsExample);

/** The bot file of this example, for `messenger-rx console|playground examples/instagram-mentions.ts`. */
export default instagramMentionsExample;
