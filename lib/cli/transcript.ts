/** Turns the emulator's recorded Graph calls into readable `bot ◂ ...` lines for the terminal. */
import { isRecord } from '../events/index.js';
import type { RecordedRequest } from '../testkit/index.js';

/** Something a person can pick from the bot's last message: a quick reply or a postback button. */
export interface Choice {
  readonly kind: 'quick_reply' | 'postback';
  readonly title: string;
  readonly payload: string;
}

/**
 * One printed bot action: the line, who it went to (PSID / IGSID when a DM) and what can be picked; `choices`
 * is undefined for a sender action (typing, seen, a reaction), which leaves the last message's choices as they are.
 */
export interface TranscriptLine {
  readonly text: string;
  readonly to: string | undefined;
  readonly choices: readonly Choice[] | undefined;
}

type Json = Readonly<Record<string, unknown>>;

function record(value: unknown): Json | undefined {
  return isRecord(value) ? value : undefined;
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(record).filter((v): v is Json => v !== undefined) : [];
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** Labels of template buttons; postback buttons are numbered on from `choices` and added to it. */
function buttonLabels(buttons: unknown, choices: Choice[]): string[] {
  return list(buttons).map((button) => {
    const title = str(button['title']);
    if (button['type'] !== 'postback') return `[${title} ↗]`;
    choices.push({ kind: 'postback', title, payload: str(button['payload']) });
    return `[${choices.length}. ${title}]`;
  });
}

function describeMessage(message: Json): { text: string; choices: Choice[] } {
  const parts: string[] = [];
  const choices: Choice[] = [];
  if (typeof message['text'] === 'string') parts.push(message['text']);
  const attachment = record(message['attachment']);
  const payload = record(attachment?.['payload']);
  if (attachment?.['type'] === 'template' && payload !== undefined) {
    if (typeof payload['text'] === 'string') parts.push(payload['text']);
    for (const element of list(payload['elements'])) {
      parts.push(`‹${str(element['title'])}›`, ...buttonLabels(element['buttons'], choices));
    }
    parts.push(...buttonLabels(payload['buttons'], choices));
  } else if (attachment !== undefined) {
    const url = str(payload?.['url']);
    parts.push(url === '' ? `(${str(attachment['type'])})` : `(${str(attachment['type'])} ${url})`);
  }
  for (const quick of list(message['quick_replies'])) {
    const title = str(quick['title']);
    choices.push({ kind: 'quick_reply', title, payload: str(quick['payload']) });
    parts.push(`[${choices.length}. ${title === '' ? str(quick['content_type']) : title}]`);
  }
  return { text: parts.filter((p) => p !== '').join('  '), choices };
}

/**
 * Describes one Graph call of the bot: a Send API message (text, quick replies, buttons, attachments), a
 * sender action, an Instagram mention or comment reply, or a lookup; undefined for calls worth no line.
 * `names` maps user ids to the names the transcript shows.
 */
export function describeRequest(
  request: RecordedRequest,
  names: ReadonlyMap<string, string> = new Map(),
): TranscriptLine | undefined {
  const params = request.params;
  const failed = request.status >= 400 || request.status === 0 ? `  ✗ Graph answered ${request.status}` : '';
  const recipient = record(params['recipient']);
  const to = str(recipient?.['id']) || undefined;
  const who = (id: string | undefined): string => (id === undefined ? '' : `${names.get(id) ?? id}: `);
  if (request.method === 'POST' && request.path.endsWith('/messages')) {
    if (typeof params['sender_action'] === 'string') {
      if (params['sender_action'] === 'typing_off') return undefined;
      return { text: `bot ◂ ${who(to)}(${params['sender_action']})${failed}`, to, choices: undefined };
    }
    const message = record(params['message']) ?? {};
    const { text, choices } = describeMessage(message);
    const comment = str(recipient?.['comment_id']);
    const target = comment !== '' ? `private reply to comment ${comment}: ` : who(to);
    return { text: `bot ◂ ${target}${text}${failed}`, to, choices };
  }
  if (request.method === 'POST' && request.path.endsWith('/mentions')) {
    const on =
      str(params['comment_id']) !== ''
        ? `comment ${str(params['comment_id'])}`
        : `media ${str(params['media_id'])}`;
    return {
      text: `bot ◂ mention reply on ${on}: ${str(params['message'])}${failed}`,
      to: undefined,
      choices: [],
    };
  }
  if (request.method === 'POST' && request.path.endsWith('/replies')) {
    return { text: `bot ◂ comment reply: ${str(params['message'])}${failed}`, to: undefined, choices: [] };
  }
  const fields = str(params['fields']);
  if (request.method === 'GET' && /mentioned_(comment|media)/.test(fields)) {
    const what = fields.startsWith('mentioned_comment')
      ? 'the mentioned comment'
      : 'the mentioned media caption';
    return {
      text: `bot ⌕ reads ${what} (GET ${request.path}?fields=${fields})${failed}`,
      to: undefined,
      choices: [],
    };
  }
  return { text: `bot · ${request.method} ${request.path}${failed}`, to: undefined, choices: [] };
}
