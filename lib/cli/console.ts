/**
 * Console mode: a person types as the user; every line goes to the bot as a webhook, its answers are printed.
 * `messenger-rx console [bot-file]` and the examples' `--console` both run it against the emulator.
 */
import { createInterface } from 'node:readline';
import { createTestKit, type BotConfig, type TestableBot, type TestKit } from '../testkit/index.js';
import { describeRequest, type Choice } from './transcript.js';

/** A running transcript of the bot's Graph calls: the last choices per user, and a way to stop printing. */
export interface Transcript {
  /** The quick replies and postback buttons of the bot's last message to a user. */
  readonly choicesFor: (userId: string) => readonly Choice[];
  /** Stops printing. */
  readonly stop: () => void;
}

/**
 * Prints every Graph call of the bot under `kit` as a readable `bot ◂ ...` line (`names` maps user ids to the
 * names shown), remembering what each user can pick from the bot's last message.
 */
export function followTranscript(
  kit: TestKit,
  out: (line: string) => void,
  names: ReadonlyMap<string, string>,
): Transcript {
  const choices = new Map<string, readonly Choice[]>();
  const printing = kit.emulator.requests$.subscribe((request) => {
    const line = describeRequest(request, names);
    if (line === undefined) return;
    out(`  ${line.text}`);
    if (line.to !== undefined && line.choices !== undefined) choices.set(line.to, line.choices);
  });
  return { choicesFor: (id) => choices.get(id) ?? [], stop: () => printing.unsubscribe() };
}

/** What the console needs from the runner: the kit, where to print, the pace and the last choices per user. */
export interface ConsoleOptions {
  readonly kit: TestKit;
  readonly input: NodeJS.ReadableStream;
  readonly out: (line: string) => void;
  /** The quick replies and postback buttons of the bot's last message to a user. */
  readonly choicesFor: (userId: string) => readonly Choice[];
  /** Names shown in the transcript, by user id. */
  readonly names: Map<string, string>;
  readonly quietMs: number;
}

const HELP = [
  'Type a message and press Enter. Also:',
  '  1, 2, ...        pick a quick reply or button from the bot’s last message',
  '  /postback P      tap a postback button with payload P',
  '  /ig, /messenger  talk on Instagram or Messenger (default Messenger)',
  '  /mention TEXT    mention the account in an Instagram comment',
  '  /caption TEXT    mention the account in an Instagram post caption',
  '  /insights        let one of the account’s stories expire (story insights)',
  '  /help, /quit     this help; stop (Ctrl-C and Ctrl-D stop too)',
];

/** Reads lines from `input` until it ends or `/quit`, acting as one Messenger or Instagram user. */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { kit, out, quietMs } = options;
  const messenger = kit.user('7000000000000042');
  const instagram = kit.user('9000000000000042', { platform: 'instagram' });
  options.names.set(messenger.id, 'you');
  options.names.set(instagram.id, 'you');
  let user = messenger;
  const tty = (options.input as { isTTY?: boolean }).isTTY === true;
  const lines = createInterface({
    input: options.input,
    output: tty ? process.stdout : undefined,
    terminal: tty,
  });
  // In a terminal readline takes Ctrl-C itself: end the session as the process's SIGINT would.
  lines.on('SIGINT', () => lines.close());
  const prompt = (): void => {
    if (tty) {
      lines.setPrompt(`you (${user.platform === 'instagram' ? 'Instagram' : 'Messenger'}) ▸ `);
      lines.prompt();
    }
  };
  for (const line of HELP) out(line);
  prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    let status: number | undefined;
    if (line === '') {
      prompt();
      continue;
    }
    if (!tty) out(`you (${user.platform === 'instagram' ? 'Instagram' : 'Messenger'}) ▸ ${line}`);
    const [command, ...rest] = line.split(/\s+/);
    const argument = rest.join(' ');
    if (line === '/quit' || line === '/exit') break;
    else if (line === '/help') for (const help of HELP) out(help);
    else if (line === '/ig' || line === '/instagram') user = instagram;
    else if (line === '/messenger' || line === '/fb') user = messenger;
    else if (command === '/postback' && argument !== '') status = (await user.postback(argument)).status;
    else if (command === '/mention' && argument !== '') {
      status = (
        await kit.instagram.mentionInComment({ from: { id: instagram.id, username: 'you' }, text: argument })
      ).status;
    } else if (command === '/caption' && argument !== '') {
      status = (
        await kit.instagram.mentionInCaption({
          from: { id: instagram.id, username: 'you' },
          caption: argument,
        })
      ).status;
    } else if (line === '/insights') {
      const n = (max: number): number => Math.floor(Math.random() * max);
      status = (
        await kit.instagram.storyInsights({
          reach: 5 + n(50),
          impressions: 10 + n(80),
          replies: -1,
          exits: n(5),
          tapsForward: n(30),
          tapsBack: n(5),
        })
      ).status;
    } else if (/^\d+$/.test(line)) {
      const choice = options.choicesFor(user.id)[Number(line) - 1];
      if (choice === undefined) out(`· no choice ${line} in the bot's last message`);
      else if (choice.kind === 'quick_reply')
        status = (await user.tapQuickReply(choice.title, choice.payload)).status;
      else status = (await user.postback(choice.payload, choice.title)).status;
    } else if (line.startsWith('/')) out(`· unknown command ${command ?? line}; /help lists them`);
    else status = (await user.say(line)).status;
    if (status !== undefined && status !== 200) out(`  ✗ the webhook answered ${status}`);
    if (status !== undefined)
      await kit.settle({ quietMs, timeoutMs: quietMs + 10_000 }).catch(() => undefined);
    prompt();
  }
  lines.close();
}

/** Options of {@link runBotConsole}: where lines come from and go to, and the bot's listening port. */
export interface BotConsoleOptions {
  readonly input: NodeJS.ReadableStream;
  readonly out: (line: string) => void;
  /** The port the bot listens on; default 0 (any free port). */
  readonly port?: number;
  /** How long the bot may stay silent before the next prompt; default 150 ms. */
  readonly quietMs?: number;
}

/**
 * Starts the emulator and the bot that `create` builds, then runs the console until the input ends or `/quit`,
 * and closes both. What `messenger-rx console [bot-file]` runs.
 */
export async function runBotConsole(
  create: (config: BotConfig, print: (line: string) => void) => TestableBot | Promise<TestableBot>,
  options: BotConsoleOptions,
): Promise<void> {
  const { out } = options;
  const kit = await createTestKit((config) => create(config, out), {
    port: options.port ?? 0,
    host: '127.0.0.1',
  });
  const names = new Map<string, string>();
  const transcript = followTranscript(kit, out, names);
  try {
    out(`Running against the built-in emulator: webhook ${kit.webhookUrl}, Graph API ${kit.emulator.url}.`);
    await runConsole({
      kit,
      input: options.input,
      out,
      names,
      quietMs: options.quietMs ?? 150,
      choicesFor: transcript.choicesFor,
    });
  } finally {
    transcript.stop();
    await kit.close();
  }
}
