/**
 * Trigger matching for `hears`, `command`, `postback` and `quickReply`: a string matches a whole value, a RegExp
 * runs from the start of the value and its match goes to `ctx.match`.
 */
import { predicateFor, type WebhookEvent } from '../events/index.js';

/** A text or payload trigger: a string matches the whole value exactly, a RegExp anywhere (its match goes to `ctx.match`). */
export type Trigger = string | RegExp;

/** The result of a matcher: undefined for no match, else the RegExp match to hand to the context (if any). */
export type MatchResult = undefined | { readonly match?: RegExpExecArray };

/** Tells whether an event matches a registration, and with which RegExp match. */
export type EventMatcher = (event: WebhookEvent) => MatchResult;

const MATCHED: MatchResult = {};

/** Matches a string trigger exactly, or runs the RegExp from the start of the value (resetting `lastIndex`). */
function matchTrigger(trigger: Trigger, value: string | undefined): MatchResult {
  if (value === undefined) return undefined;
  if (typeof trigger === 'string') return value === trigger ? MATCHED : undefined;
  trigger.lastIndex = 0;
  const match = trigger.exec(value);
  return match === null ? undefined : { match };
}

/** The first trigger of a list that matches `value`. */
function matchAny(triggers: readonly Trigger[], value: string | undefined): MatchResult {
  for (const trigger of triggers) {
    const result = matchTrigger(trigger, value);
    if (result !== undefined) return result;
  }
  return undefined;
}

/** One trigger or several, as a non-empty list (checked at registration). */
function triggerList(method: string, trigger: Trigger | readonly Trigger[]): readonly Trigger[] {
  const list: readonly Trigger[] = Array.isArray(trigger) ? trigger : [trigger as Trigger];
  if (list.length === 0) throw new TypeError(`${method}(): give at least one trigger`);
  for (const item of list) {
    if (typeof item !== 'string' && !(item instanceof RegExp)) {
      throw new TypeError(`${method}(): a trigger is a string or a RegExp`);
    }
  }
  return list;
}

/** Describes triggers for error messages, e.g. `hears(/hi/i)`. */
export function describeTriggers(method: string, trigger: Trigger | readonly Trigger[]): string {
  const list: readonly Trigger[] = Array.isArray(trigger) ? trigger : [trigger as Trigger];
  const text = list.map((t) => (typeof t === 'string' ? JSON.stringify(t) : String(t))).join(', ');
  return `${method}(${text})`;
}

/** Matches received text messages against the triggers (the matcher of `hears`). */
export function hearsMatcher(trigger: Trigger | readonly Trigger[]): EventMatcher {
  const triggers = triggerList('hears', trigger);
  const isText = predicateFor('message:text');
  return (event) => (isText(event) ? matchAny(triggers, event.message.text) : undefined);
}

/** Matches postbacks whose payload matches the triggers (the matcher of `postback`). */
export function postbackMatcher(trigger: Trigger | readonly Trigger[]): EventMatcher {
  const triggers = triggerList('postback', trigger);
  const isPostback = predicateFor('postback');
  return (event) => (isPostback(event) ? matchAny(triggers, event.postback.payload) : undefined);
}

/** Matches quick reply taps whose payload matches the triggers (the matcher of `quickReply`). */
export function quickReplyMatcher(trigger: Trigger | readonly Trigger[]): EventMatcher {
  const triggers = triggerList('quickReply', trigger);
  const isQuickReply = predicateFor('message:quick_reply');
  return (event) => (isQuickReply(event) ? matchAny(triggers, event.message.quick_reply.payload) : undefined);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A command name without its slash; throws TypeError for an empty name or one with spaces. */
function bareCommand(name: string): string {
  const bare = name.replace(/^\//, '');
  if (bare === '' || /\s/.test(bare))
    throw new TypeError(`command(): invalid command name ${JSON.stringify(name)}`);
  return bare;
}

/**
 * Matches a Messenger command (the matcher of `command`): a message whose `commands` name one of the names, or
 * whose text is `/name` optionally followed by arguments (in `ctx.match[1]`).
 */
export function commandMatcher(name: string | readonly string[]): EventMatcher {
  const names: readonly string[] = typeof name === 'string' ? [name] : name;
  if (names.length === 0) throw new TypeError('command(): give at least one command name');
  const bare = names.map(bareCommand);
  const isMessage = predicateFor('message');
  const pattern = new RegExp(`^/(?:${bare.map(escapeRegExp).join('|')})(?:\\s+([\\s\\S]*))?$`);
  return (event) => {
    if (!isMessage(event)) return undefined;
    const fromText = matchTrigger(pattern, event.message.text?.trim());
    if (fromText !== undefined) return fromText;
    const named = event.message.commands?.some((command) => bare.includes(command.name.replace(/^\//, '')));
    return named === true ? MATCHED : undefined;
  };
}
