import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeWebhook } from '../../lib/events/index.js';
import type { Query, WebhookEvent } from '../../lib/events/index.js';

/** Reads a JSON webhook body from spec/fixtures (parsed fresh on every call). */
export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as unknown;
}

/** Returns the single element of a list, failing when there is not exactly one. */
export function only<T>(list: readonly T[]): T {
  if (list.length !== 1) throw new Error(`expected exactly one element, got ${list.length}`);
  return list[0] as T;
}

/** Decodes a fixture, failing on any decode issue, and returns its events. */
export function decodeClean(name: string): WebhookEvent[] {
  const result = decodeWebhook(fixture(name));
  assert.deepEqual(result.errors, [], `no issues for ${name}`);
  return result.events;
}

/** Asserts an event exists and has the given type, and returns it narrowed to that type. */
export function pick<T extends WebhookEvent['type']>(
  event: WebhookEvent | undefined,
  type: T,
): Extract<WebhookEvent, { type: T }> {
  assert.ok(event, 'event exists');
  assert.equal(event.type, type);
  return event as Extract<WebhookEvent, { type: T }>;
}

/** The event kinds of messenger-events.json, item by item (each is also the one query its event matches). */
export const MESSENGER_EVENT_TYPES = [
  'postback',
  'postback',
  'read',
  'delivery',
  'delivery',
  'reaction',
  'reaction',
  'referral',
  'referral',
  'referral',
  'optin',
  'optin',
  'handover',
  'handover',
  'handover',
  'handover',
  'policy_enforcement',
  'policy_enforcement',
  'account_linking',
  'account_linking',
  'edit',
  'edit',
] as const satisfies ReadonlyArray<WebhookEvent['type'] & Query>;
