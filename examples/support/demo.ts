/** The scripted conversation of an example: simulated users whose every action is printed as `name ▸ ...`. */
import type { StoryInsightsInput } from '../../lib/emulator/index.js';
import type { TestKit } from '../../lib/testkit/index.js';

/** A person in the demo; each action prints a line, POSTs the webhook and waits until the bot has answered. */
export interface DemoUser {
  /** The PSID (Messenger) or IGSID (Instagram). */
  readonly id: string;
  say(text: string): Promise<void>;
  tap(title: string, payload: string): Promise<void>;
  postback(payload: string, title?: string): Promise<void>;
  /** Sends several messages back to back, without waiting for the bot in between. */
  burst(texts: readonly string[]): Promise<void>;
}

/** What an example's demo script gets: users, Instagram changes, and the kit for anything else. */
export interface Demo {
  readonly kit: TestKit;
  messenger(name: string): DemoUser;
  instagram(name: string): DemoUser;
  /** `@name` mentions the account in a comment on someone else's post. */
  mentionInComment(from: string, text: string): Promise<void>;
  /** `@name` mentions the account in the caption of their post. */
  mentionInCaption(from: string, caption: string): Promise<void>;
  /** One of the account's stories expired: Meta sends its insights (-1: fewer than 5). */
  storyInsights(input: Omit<StoryInsightsInput, 'mediaId'>): Promise<void>;
  /** Prints a comment line. */
  note(text: string): void;
}

/** Builds the demo helpers on `kit`: `names` receives id → name for the transcript, `quietMs` paces the steps. */
export function createDemo(
  kit: TestKit,
  out: (line: string) => void,
  names: Map<string, string>,
  quietMs: number,
): Demo {
  const settle = (): Promise<void> => kit.settle({ quietMs, timeoutMs: quietMs + 10_000 });
  const check = (status: number): void => {
    if (status !== 200) out(`  ✗ the webhook answered ${status}`);
  };
  const act = async (line: string, action: () => Promise<{ readonly status: number }>): Promise<void> => {
    out(line);
    check((await action()).status);
    await settle();
  };
  let count = 0;
  const user = (name: string, platform: 'messenger' | 'instagram'): DemoUser => {
    count += 1;
    const simulated = kit.user(`${platform === 'instagram' ? '9' : '7'}00000000000000${count}`, { platform });
    names.set(simulated.id, name);
    const who = `${name} (${platform === 'instagram' ? 'Instagram' : 'Messenger'}) ▸`;
    return {
      id: simulated.id,
      say: (text) => act(`${who} ${text}`, () => simulated.say(text)),
      tap: (title, payload) => act(`${who} taps [${title}]`, () => simulated.tapQuickReply(title, payload)),
      postback: (payload, title) =>
        act(`${who} taps button [${title ?? payload}]`, () => simulated.postback(payload, title)),
      burst: async (texts) => {
        for (const text of texts) {
          out(`${who} ${text}`);
          check((await simulated.say(text)).status);
        }
        await settle();
      },
    };
  };
  return {
    kit,
    messenger: (name) => user(name, 'messenger'),
    instagram: (name) => user(name, 'instagram'),
    mentionInComment: (from, text) =>
      act(`@${from} (Instagram comment) ▸ ${text}`, () => kit.instagram.mentionInComment({ from, text })),
    mentionInCaption: (from, caption) =>
      act(`@${from} (Instagram post caption) ▸ ${caption}`, () =>
        kit.instagram.mentionInCaption({ from, caption }),
      ),
    storyInsights: (input) =>
      act(`Instagram ▸ a story expired (reach ${input.reach ?? 0}, replies ${input.replies ?? 0})`, () =>
        kit.instagram.storyInsights(input),
      ),
    note: (text) => out(`· ${text}`),
  };
}
