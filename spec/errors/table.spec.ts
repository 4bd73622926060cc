import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as botkit from '../../lib/botkit/index.js';
import * as delivery from '../../lib/delivery/index.js';
import * as emulator from '../../lib/emulator/index.js';
import { GraphFault } from '../../lib/emulator/errors.js';
import { ERROR_TABLE, PLATFORM_CODED_ERRORS } from '../../lib/errors/codes.js';
import { MessengerRxError } from '../../lib/errors/index.js';
import * as events from '../../lib/events/index.js';
import * as graph from '../../lib/graph/index.js';
import * as errors from '../../lib/errors/index.js';
import * as root from '../../lib/index.js';
import * as playground from '../../lib/playground/index.js';
import * as redis from '../../lib/redis/index.js';
import { StreamFullError } from '../../lib/redis/append.js';
import * as testkit from '../../lib/testkit/index.js';
import * as webhook from '../../lib/webhook/index.js';
import { BotFileError } from '../../lib/cli/errors.js';
import { CliError } from '../../lib/cli/errors.js';
import type { SentMessage } from '../../lib/emulator/index.js';
import { textEvent } from '../bot/fixtures.js';

const ENTRY_POINTS: Record<string, Record<string, unknown>> = {
  'lib/index.ts': root,
  'lib/errors/index.ts': errors,
  'lib/botkit/index.ts': botkit,
  'lib/delivery/index.ts': delivery,
  'lib/emulator/index.ts': emulator,
  'lib/events/index.ts': events,
  'lib/graph/index.ts': graph,
  'lib/playground/index.ts': playground,
  'lib/redis/index.ts': redis,
  'lib/testkit/index.ts': testkit,
  'lib/webhook/index.ts': webhook,
};

/** The abstract bases: they have no code of their own and no row. */
const BASES: ReadonlySet<unknown> = new Set([MessengerRxError, graph.GraphError, redis.RedisInboxError]);

type ErrorClass = abstract new (...args: never[]) => Error;

function isErrorClass(value: unknown): value is ErrorClass {
  return typeof value === 'function' && value.prototype instanceof Error;
}

/** Every error class an entry point exports, by name. */
function exportedErrorClasses(): Map<string, { cls: ErrorClass; from: string }> {
  const out = new Map<string, { cls: ErrorClass; from: string }>();
  for (const [from, entry] of Object.entries(ENTRY_POINTS)) {
    for (const value of Object.values(entry)) {
      if (isErrorClass(value)) out.set(value.name, { cls: value, from });
    }
  }
  return out;
}

/** The event the bot errors carry. */
const event = textEvent('USER', 'hi');

const reply: SentMessage = {
  messageId: 'm.2',
  recipientId: 'USER',
  account: 'PAGE',
  platform: 'messenger',
  recipient: { id: 'USER' },
  message: { text: 'hello' },
  text: 'hello',
  file: undefined,
  body: {},
  requestId: 1,
};

const request = { method: 'GET', path: 'me' } as const;

/** One instance of every class (internal ones included), and one per code for the classes with several. */
const SAMPLES: readonly MessengerRxError[] = [
  new webhook.WebhookConfigError('appSecret', 'must not be empty'),
  new webhook.WebhookSetupError('express', 'no raw body'),
  new graph.GraphApiError({
    ...request,
    graphMessage: 'Invalid OAuth',
    type: 'OAuthException',
    code: 190,
    subcode: undefined,
    fbtraceId: 'T',
    status: 400,
  }),
  new graph.HttpError({ ...request, reason: 'network', code: 'ECONNREFUSED' }),
  new graph.HttpError({ ...request, reason: 'network' }),
  new graph.HttpError({ ...request, reason: 'timeout' }),
  new graph.HttpError({ ...request, reason: 'aborted' }),
  new graph.HttpError({ ...request, reason: 'status', status: 502 }),
  new graph.HttpError({ ...request, reason: 'invalid_json', status: 200 }),
  new graph.GraphResponseError({ ...request, status: 200, issues: ['id: expected string, got 1'] }),
  new graph.SendLimitError('message.text', 2000, 2001, 'characters'),
  new graph.TransportTimeoutError(50),
  new errors.BotHandlerError(event, new Error('boom'), "on('message')"),
  new errors.BotHandlerTimeoutError(event, "on('message')", 50),
  new errors.BotDecodeError({ path: '$', expected: 'Envelope', got: '1', message: 'not an envelope' }),
  new errors.BotOverflowError([event], 1),
  new errors.BotDedupError(event, new Error('down')),
  new errors.BotWebhookError(new Error('adapter')),
  new errors.BotInboxError(new Error('inbox')),
  new errors.BotStoppedError(),
  new errors.BotRoleError('listen', 'worker'),
  new errors.BotContextError('mentioned', 'message', 'not a mention'),
  new errors.NextCalledTwiceError(),
  new errors.SessionStorageError('read', 'k', new Error('down')),
  new errors.SessionKeyError('message'),
  new errors.ConversationError('no storage'),
  new delivery.InboxOverflowError([event], 1),
  new delivery.InboxStoppedError(),
  new redis.RedisAcceptError(1, 50, 'timeout'),
  new redis.RedisInboxStateError('the inbox is stopped'),
  new redis.RedisPoisonEntryError(0, '1-0', 'not JSON'),
  new redis.RedisHandlerError(0, '1-0', 'c', new Error('boom')),
  new redis.RedisLeaseLostError(0, 'expired'),
  new redis.RedisTrimmedEntriesError(0, ['1-0']),
  new redis.RedisWorkerError('read', 0, new Error('down')),
  new redis.RedisSessionDecodeError('k'),
  new StreamFullError(0),
  new events.QueryError('nope'),
  new GraphFault(400, { code: 100, message: '(#100) no' }),
  new emulator.EmulatorTimeoutError('messages', 50, 1, 0, []),
  new emulator.EmulatorClosedError('nextMessage'),
  new emulator.EmulatorUsageError('no webhook URL'),
  new emulator.WebhookDeliveryError('http://127.0.0.1:1/webhook', new Error('refused')),
  new testkit.UnexpectedReplyError(reply),
  new testkit.SettleTimeoutError(50, 1),
  new testkit.TestKitStartError('listen', new Error('EADDRINUSE'), 'port taken'),
  new playground.PlaygroundStartError('listen', 'port taken'),
  new playground.PlaygroundRequestError(400, 'bad request'),
  new BotFileError('no bot', 'bot.ts'),
  new CliError('PAGE_ACCESS_TOKEN is not set'),
  new botkit.AdapterNotAttachedError(1),
  new botkit.NotSupportedByMessengerError('updateActivity'),
  new botkit.UnsupportedActivityError('attachments[0]', 'no equivalent'),
  new botkit.UnroutableActivityError(undefined, 'no recipient'),
];

/** `BotStoppedError` -> `ERR_BOT_STOPPED`: the scheme of the library's own codes. */
function schemeCode(className: string): string {
  const stem = className.replace(/Error$/, '');
  return `ERR_${stem.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/** The rows of the README's "Errors" table, as [class, code] cells. */
function readmeRows(): [string, string][] {
  const readme = readFileSync(join(fileURLToPath(import.meta.url), '../../../README.md'), 'utf8');
  const start = readme.indexOf('\n## Errors\n');
  assert.ok(start >= 0, 'README has an "Errors" section');
  const end = readme.indexOf('\n## ', start + 1);
  const lines = readme.slice(start, end < 0 ? undefined : end).split('\n');
  const rows = lines.filter((line) => line.startsWith('| `'));
  return rows.map((line) => {
    const cells = line.split(' | ').map((cell) => cell.replace(/^\| /, '').trim());
    return [cells[0]!.replace(/`/g, ''), cells[1]!];
  });
}

describe('the error family', () => {
  it('has every exported error class of every entry point extend MessengerRxError', () => {
    const classes = exportedErrorClasses();
    assert.ok(classes.size >= 45, `found only ${classes.size} error classes`);
    for (const [name, { cls, from }] of classes) {
      assert.ok(
        cls === MessengerRxError || cls.prototype instanceof MessengerRxError,
        `${name} (${from}) does not extend MessengerRxError`,
      );
    }
  });

  it('gives a sample to every concrete error class, and a row of the table to every sample', () => {
    const sampled = new Set(SAMPLES.map((sample) => sample.constructor));
    for (const [name, { cls }] of exportedErrorClasses()) {
      if (!BASES.has(cls)) assert.ok(sampled.has(cls), `no sample of ${name}`);
    }
    const tabled = new Set([...ERROR_TABLE, ...PLATFORM_CODED_ERRORS].map((row) => row.className));
    for (const sample of SAMPLES) assert.ok(tabled.has(sample.name), `${sample.name} has no row`);
    for (const name of tabled) {
      assert.ok(
        SAMPLES.some((sample) => sample.name === name),
        `no sample of ${name}`,
      );
    }
  });

  it('keeps every name equal to its class name', () => {
    for (const sample of SAMPLES) assert.equal(sample.name, sample.constructor.name);
    assert.equal(new graph.TransportTimeoutError(1).name, 'TransportTimeoutError');
  });

  it('gives each sample the code the table says, in the ERR_ scheme unless the platform has one', () => {
    for (const sample of SAMPLES) {
      if (sample instanceof graph.GraphApiError) {
        assert.equal(sample.code, 190, "GraphApiError carries Meta's code");
        continue;
      }
      assert.equal(typeof sample.code, 'string', sample.name);
      if (sample instanceof graph.HttpError && /^E[A-Z]+$/.test(sample.code)) {
        assert.equal(sample.code, 'ECONNREFUSED', 'the system code of a network failure');
        continue;
      }
      const row = ERROR_TABLE.find((entry) => entry.code === sample.code);
      assert.ok(row !== undefined, `${sample.name}: code ${String(sample.code)} is not in the table`);
      assert.equal(row.className, sample.name, `${row.code} belongs to ${row.className}`);
      if (!(sample instanceof graph.HttpError)) assert.equal(sample.code, schemeCode(sample.name));
    }
    for (const row of ERROR_TABLE) {
      assert.ok(
        SAMPLES.some((sample) => sample.code === row.code),
        `no sample has ${row.code}`,
      );
    }
  });

  it('gives HttpError one code per reason when no system code says more', () => {
    const codes = SAMPLES.filter((s): s is graph.HttpError => s instanceof graph.HttpError).map(
      (s) => `${s.reason} ${s.code}`,
    );
    assert.deepEqual(codes, [
      'network ECONNREFUSED',
      'network ERR_GRAPH_NETWORK',
      'timeout ERR_GRAPH_TIMEOUT',
      'aborted ERR_GRAPH_ABORTED',
      'status ERR_GRAPH_STATUS',
      'invalid_json ERR_GRAPH_INVALID_JSON',
    ]);
  });

  it('has unique codes in the table', () => {
    const codes = ERROR_TABLE.map((row) => row.code);
    assert.deepEqual(
      codes.filter((code, i) => codes.indexOf(code) !== i),
      [],
    );
  });

  it('has the same rows in the README as in lib/errors/codes.ts', () => {
    const fromTable = [
      ...PLATFORM_CODED_ERRORS.map((row) => `${row.className} ${row.code}`),
      ...ERROR_TABLE.map((row) => `${row.className} \`${row.code}\``),
    ];
    const fromReadme = readmeRows().map(([cls, code]) => `${cls} ${code}`);
    assert.deepEqual(fromReadme.slice().sort(), fromTable.slice().sort());
  });
});
