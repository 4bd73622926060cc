/**
 * Showcase bot for the playground: one answer of each kind Messenger and Instagram render, so that
 * `npm run playground -- examples/playground/showcase.ts` shows them all. It sets a Messenger Profile (Get
 * Started, a greeting, a persistent menu, ice breakers; ice breakers on Instagram too) when it starts, then answers:
 *
 * - `cards`: a generic template (a carousel of two cards with postback and URL buttons);
 * - `buttons`: a button template; `media`: a media template; `photo`: an image attachment;
 * - `heart`: reacts ❤️ to your message; `long`: a 1,200-byte text, which Instagram refuses (over 1000 bytes);
 * - anything else: marks it seen, types, then echoes it with quick replies;
 * - postbacks: says which button was tapped; Instagram comments and mentions: a reply under them.
 *
 * It works on the event stream and the Graph client directly (`bot.events$`, `bot.api`), so every Send API
 * shape appears as it is. The playground's specs and screenshots (examples/playground/screenshots.ts) use it.
 */
import { Bot, type BotOptions, type WebhookEvent } from '../../lib/index.js';
import type { BotConfig } from '../../lib/testkit/index.js';

/** A small landscape picture as a data URL, so that the page shows an image with no internet. */
export const PICTURE_URL = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180"><rect width="320" height="180" fill="#ffd9a8"/>' +
    '<circle cx="250" cy="50" r="24" fill="#fff4c2"/><path d="M0 140 90 70l60 45 50-35 120 70v30H0z" fill="#3f8f5f"/></svg>',
)}`;

/** A second picture for the carousel. */
export const PICTURE_2_URL = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180"><rect width="320" height="180" fill="#cfe6ff"/>' +
    '<circle cx="160" cy="95" r="50" fill="#ff8fa3"/><circle cx="140" cy="80" r="8" fill="#fff"/></svg>',
)}`;

const QUICK_REPLIES = [
  { title: 'Cards', payload: 'CARDS' },
  { title: 'Buttons', payload: 'BUTTONS' },
  { title: 'Photo', payload: 'PHOTO' },
];

/** The Messenger Profile the showcase sets when it starts. */
export const SHOWCASE_PROFILE = {
  get_started: { payload: 'GET_STARTED' },
  greeting: [
    { locale: 'default', text: 'Hi {{user_first_name}}! Tap Get Started to see every kind of answer.' },
  ],
  persistent_menu: [
    {
      locale: 'default',
      call_to_actions: [
        { type: 'postback' as const, title: 'Show the cards', payload: 'CARDS' },
        { type: 'postback' as const, title: 'Start over', payload: 'GET_STARTED' },
        { type: 'web_url' as const, title: 'messenger-rx on GitHub', url: 'https://github.com/' },
      ],
    },
  ],
  ice_breakers: [
    {
      locale: 'default',
      call_to_actions: [
        { question: 'What can you show me?', payload: 'GET_STARTED' },
        { question: 'Show me the cards', payload: 'CARDS' },
      ],
    },
  ],
};

function senderOf(event: WebhookEvent): string | undefined {
  if (!('sender' in event) || event.sender === undefined) return undefined;
  return 'id' in event.sender ? event.sender.id : undefined;
}

/** Answers one event; failures are the Graph API's answers, which the playground shows beside the chat. */
async function answer(bot: Bot, event: WebhookEvent): Promise<void> {
  const send = bot.api.send;
  if (event.type === 'mention') {
    const { media_id: mediaId, comment_id: commentId } = event.value;
    const message = commentId === undefined ? 'Thanks for featuring us!' : 'Thanks for the mention!';
    await bot.api.instagram.replyToMention({ igUserId: event.entryId, mediaId, commentId, message });
    return;
  }
  if (event.type === 'comment') {
    if (event.value.id === undefined) return;
    await bot.api.instagram.replyToComment(event.value.id, 'Thanks for the comment!', {
      igUserId: event.entryId,
    });
    return;
  }
  const to = senderOf(event);
  if (to === undefined) return;
  if (event.type === 'postback') {
    const payload = event.postback.payload ?? '';
    if (payload === 'GET_STARTED') {
      await send.quickReplies(to, 'Welcome to the showcase! What should I show you?', QUICK_REPLIES);
      return;
    }
    if (payload === 'CARDS') return command(bot, to, 'cards', undefined);
    await send.text(to, `You tapped “${event.postback.title ?? payload}”.`);
    return;
  }
  if (event.type !== 'message') return;
  const text = event.message.quick_reply?.payload ?? event.message.text;
  if (text === undefined) {
    await send.text(to, 'Nice attachment! Try “cards”, “buttons”, “media”, “photo”, “heart” or “long”.');
    return;
  }
  await command(bot, to, text, event.message.mid);
}

async function command(bot: Bot, to: string, text: string, mid: string | undefined): Promise<void> {
  const send = bot.api.send;
  switch (text.trim().toLowerCase()) {
    case 'cards':
      await send.genericTemplate(to, [
        {
          title: 'Rx Bistro',
          subtitle: 'Reactive pizza, served hot',
          image_url: PICTURE_URL,
          buttons: [
            { type: 'postback', title: 'Book a table', payload: 'BOOK' },
            { type: 'web_url', title: 'See the menu', url: 'https://example.com/menu' },
          ],
        },
        {
          title: 'Observable Café',
          subtitle: 'Coffee on subscribe',
          image_url: PICTURE_2_URL,
          buttons: [{ type: 'postback', title: 'Order a coffee', payload: 'COFFEE' }],
        },
      ]);
      return;
    case 'buttons':
      await send.buttonTemplate(to, 'How would you like to continue?', [
        { type: 'postback', title: 'Talk to a human', payload: 'HUMAN' },
        { type: 'web_url', title: 'Open the docs', url: 'https://example.com/docs' },
      ]);
      return;
    case 'media':
      await send.mediaTemplate(to, {
        media_type: 'image',
        url: PICTURE_URL,
        buttons: [{ type: 'postback', title: 'Love it', payload: 'LOVE' }],
      });
      return;
    case 'photo':
      await send.attachment(to, { type: 'image', url: PICTURE_URL });
      return;
    case 'heart':
      if (mid !== undefined) await send.react(to, mid, 'love');
      return;
    case 'long':
      // 600 characters of 2 bytes: fine on Messenger (2000 characters), over Instagram's 1000 bytes.
      await send.text(to, 'é'.repeat(600));
      return;
    default:
      await send.senderAction(to, 'mark_seen');
      await send.senderAction(to, 'typing_on');
      await send.quickReplies(to, `You said: ${text}`, QUICK_REPLIES);
  }
}

/** Builds the showcase bot: sets its Messenger Profile, then answers every event from the stream. */
export function createShowcaseBot(options: BotOptions, print: (line: string) => void = () => undefined): Bot {
  const bot = new Bot(options);
  bot.events$.subscribe((event) => {
    answer(bot, event).catch((error: unknown) => {
      print(`The Graph API refused an answer: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  const report = (error: unknown): void => {
    print(`Could not set the Messenger Profile: ${error instanceof Error ? error.message : String(error)}`);
  };
  bot.api.profile.set(SHOWCASE_PROFILE).catch(report);
  bot.api.profile
    .set({ ice_breakers: SHOWCASE_PROFILE.ice_breakers }, { platform: 'instagram' })
    .catch(report);
  return bot;
}

/** The bot file: `npm run playground -- examples/playground/showcase.ts`. */
export default (config: BotConfig, print: (line: string) => void): Bot => createShowcaseBot(config, print);
