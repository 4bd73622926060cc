/**
 * The one table of errors: each code the library gives its own errors, the class that carries it, what it means
 * and what to do about it. The README's "Errors" section shows the same rows (spec/errors/table.spec.ts keeps the
 * two, and every error class, in step).
 *
 * The scheme: `ERR_` and the class name in upper snake case without `Error` (`BotStoppedError` is
 * `ERR_BOT_STOPPED`). `HttpError` has one code per reason instead, unless the network failure has a system code,
 * and `GraphApiError` carries Meta's numeric code: both are in {@link PLATFORM_CODED_ERRORS}.
 */

/** One row of the table. */
export interface ErrorTableEntry {
  /** The stable code. */
  readonly code: string;
  /** The class that carries it. */
  readonly className: string;
  /** What happened. */
  readonly means: string;
  /** What to do about it. */
  readonly action: string;
}

/** Every code of the library's own. */
export const ERROR_TABLE = [
  // The webhook
  {
    code: 'ERR_WEBHOOK_CONFIG',
    className: 'WebhookConfigError',
    means: '`createWebhook` or `createWebhookServer` got an unusable option (named in `option`)',
    action: 'fix the option; the message names it, never a secret value',
  },
  {
    code: 'ERR_WEBHOOK_SETUP',
    className: 'WebhookSetupError',
    means: 'the framework adapter could not read the raw body (a JSON body parser ran first); answered 500',
    action: 'mount the webhook before any body parser',
  },
  // The Graph API client
  {
    code: 'ERR_GRAPH_NETWORK',
    className: 'HttpError',
    means: 'the request failed on the network and no system code said why (`reason: network`)',
    action: 'retried by the default policy; check connectivity if it persists',
  },
  {
    code: 'ERR_GRAPH_TIMEOUT',
    className: 'HttpError',
    means: 'no whole answer within `timeoutMs` (`reason: timeout`); Meta may have the request',
    action: 'see `mayHaveReachedServer` and the ambiguous retry rules before sending again',
  },
  {
    code: 'ERR_GRAPH_ABORTED',
    className: 'HttpError',
    means: "the call's `signal` aborted it (`reason: aborted`)",
    action: 'nothing: you asked for it; never retried',
  },
  {
    code: 'ERR_GRAPH_STATUS',
    className: 'HttpError',
    means: "an error status without a Graph error object, e.g. a proxy's 502 page (`reason: status`)",
    action: 'retried when 5xx, 408 or 429; otherwise check `status` and the base URL',
  },
  {
    code: 'ERR_GRAPH_INVALID_JSON',
    className: 'HttpError',
    means: 'a success status whose body is not JSON (`reason: invalid_json`)',
    action: 'check the base URL and any proxy between you and Meta',
  },
  {
    code: 'ERR_GRAPH_RESPONSE',
    className: 'GraphResponseError',
    means: 'Graph answered success with a body of an unexpected shape (`issues` lists each mismatch)',
    action: 'report it: the Graph API version or the codec changed; never retried',
  },
  {
    code: 'ERR_SEND_LIMIT',
    className: 'SendLimitError',
    means: 'a Send API limit was broken (`field`, `limit`, `actual`, `unit`); nothing was sent',
    action: 'shorten or split what you send',
  },
  {
    code: 'ERR_TRANSPORT_TIMEOUT',
    className: 'TransportTimeoutError',
    means: 'a transport call had no whole answer within its `timeoutMs`',
    action:
      'the client reports it as an `HttpError` with code `ERR_GRAPH_TIMEOUT`; only a custom transport sees it',
  },
  // The Bot
  {
    code: 'ERR_BOT_HANDLER',
    className: 'BotHandlerError',
    means: 'a handler threw or rejected (`kind: handler`, on `bot.errors$`)',
    action: 'read `error` (what it threw) and `registration`; the event is not retried',
  },
  {
    code: 'ERR_BOT_HANDLER_TIMEOUT',
    className: 'BotHandlerTimeoutError',
    means: 'a handler did not settle within `handlerTimeoutMs` (`kind: timeout`); its conversation moved on',
    action: 'find the hanging await; raise `handlerTimeoutMs` if the work is legitimately long',
  },
  {
    code: 'ERR_BOT_DECODE',
    className: 'BotDecodeError',
    means: 'part of a verified webhook body did not decode (`kind: decode`); its siblings were handled',
    action: 'report the `issue` path if Meta sent something the library should know',
  },
  {
    code: 'ERR_BOT_OVERFLOW',
    className: 'BotOverflowError',
    means:
      '`maxQueued` events were already waiting (`kind: overflow`); the POST answered 500 and Meta redelivers',
    action: 'raise `maxQueued` or `concurrency`, or add processes',
  },
  {
    code: 'ERR_BOT_DEDUP',
    className: 'BotDedupError',
    means: 'the dedup store failed for an event (`kind: dedup`); the event was handled anyway',
    action: 'check the dedup store (e.g. Redis)',
  },
  {
    code: 'ERR_BOT_WEBHOOK',
    className: 'BotWebhookError',
    means: 'the webhook endpoint reported another failure (`kind: webhook`), e.g. an adapter error',
    action: 'read `error`',
  },
  {
    code: 'ERR_BOT_INBOX',
    className: 'BotInboxError',
    means: 'the inbox refused a batch or reported a failure (`kind: inbox`)',
    action: "read `error`, the inbox's own error (e.g. a `RedisAcceptError`)",
  },
  {
    code: 'ERR_BOT_STOPPED',
    className: 'BotStoppedError',
    means: '`bot.receive()` or `bot.start()` after `bot.stop()`',
    action: 'create a new Bot instead of reusing a stopped one',
  },
  {
    code: 'ERR_BOT_ROLE',
    className: 'BotRoleError',
    means: "a method the bot's `role` excludes, e.g. `listen()` on a worker",
    action: 'call the method the role provides, or change `role`',
  },
  {
    code: 'ERR_BOT_CONTEXT',
    className: 'BotContextError',
    means: 'a context method used on an event it does not apply to, e.g. `ctx.mentioned()` on a message',
    action: 'filter the event first (`bot.on(...)`)',
  },
  {
    code: 'ERR_NEXT_CALLED_TWICE',
    className: 'NextCalledTwiceError',
    means: 'a middleware called `next()` twice',
    action: 'call `next()` once per middleware run',
  },
  // Sessions and conversations
  {
    code: 'ERR_SESSION_STORAGE',
    className: 'SessionStorageError',
    means: 'the session storage failed to read, write or delete (`operation`, `key`)',
    action: 'check the storage; a failed write keeps the value in `unsaved`',
  },
  {
    code: 'ERR_SESSION_KEY',
    className: 'SessionKeyError',
    means: '`ctx.session` on an event for which `getSessionKey` gave no key',
    action: 'use sessions only on events with a key, or return one from `getSessionKey`',
  },
  {
    code: 'ERR_CONVERSATION',
    className: 'ConversationError',
    means: 'a conversation flow was unknown, had no storage, or its stored state could not be replayed',
    action: 'register `conversations()` and `createConversation` before the handler that enters it',
  },
  // Delivery
  {
    code: 'ERR_INBOX_OVERFLOW',
    className: 'InboxOverflowError',
    means: 'the in-memory inbox refused a batch: `maxQueued` events were waiting',
    action: 'the Bot reports it as `BotOverflowError`; raise `maxQueued` or add processes',
  },
  {
    code: 'ERR_INBOX_STOPPED',
    className: 'InboxStoppedError',
    means: '`accept` after the inbox stopped',
    action: 'stop taking webhook traffic before stopping the inbox',
  },
  // Redis
  {
    code: 'ERR_REDIS_ACCEPT',
    className: 'RedisAcceptError',
    means: 'Redis did not take a batch (`reason`: timeout, refused, full); the webhook answered 5xx',
    action: 'check Redis; on `full`, the workers are behind: add workers or raise `maxLength`',
  },
  {
    code: 'ERR_REDIS_INBOX_STATE',
    className: 'RedisInboxStateError',
    means: 'the Redis inbox was used after `stop()`, or started twice',
    action: 'create a new inbox',
  },
  {
    code: 'ERR_REDIS_POISON_ENTRY',
    className: 'RedisPoisonEntryError',
    means: 'a stream entry is not an event; it was acknowledged and skipped',
    action: 'find what wrote to the stream besides the inbox',
  },
  {
    code: 'ERR_REDIS_HANDLER',
    className: 'RedisHandlerError',
    means: 'the handler rejected on an entry; the entry was still acknowledged',
    action: 'let the Bot handle its errors, or catch them in the handler',
  },
  {
    code: 'ERR_REDIS_LEASE_LOST',
    className: 'RedisLeaseLostError',
    means: "a worker lost a partition's lease; the next owner takes over its unacknowledged entries",
    action: 'check for event-loop stalls or Redis latency longer than the lease',
  },
  {
    code: 'ERR_REDIS_TRIMMED_ENTRIES',
    className: 'RedisTrimmedEntriesError',
    means: 'unacknowledged entries were deleted by hand; those events are lost',
    action: 'do not trim the streams yourself',
  },
  {
    code: 'ERR_REDIS_WORKER',
    className: 'RedisWorkerError',
    means: 'a Redis operation of a worker failed (`operation`); retried on the next tick',
    action: 'check Redis if it persists',
  },
  {
    code: 'ERR_REDIS_SESSION_DECODE',
    className: 'RedisSessionDecodeError',
    means: 'a session value in Redis is not JSON (`key`)',
    action: 'delete the key, or find what wrote it',
  },
  {
    code: 'ERR_STREAM_FULL',
    className: 'StreamFullError',
    means: 'internal: a partition stream is at `maxLength`',
    action: 'reported as a `RedisAcceptError` with `reason: full`',
  },
  // Events
  {
    code: 'ERR_QUERY',
    className: 'QueryError',
    means: 'a filter query that is not permitted; the message lists the permitted ones',
    action: 'use one of `permitted`',
  },
  // The emulator and the test kit
  {
    code: 'ERR_GRAPH_FAULT',
    className: 'GraphFault',
    means: 'internal to the emulator: a Graph error answer it is about to send',
    action: 'seen by the bot as a `GraphApiError`',
  },
  {
    code: 'ERR_EMULATOR_TIMEOUT',
    className: 'EmulatorTimeoutError',
    means: 'an emulator wait ran out of time; the message says what it saw instead',
    action: 'check what the bot sent (`unmatched`) or wait longer',
  },
  {
    code: 'ERR_EMULATOR_CLOSED',
    className: 'EmulatorClosedError',
    means: 'the emulator closed while something waited on it, or was used after `close()`',
    action: 'close the emulator last',
  },
  {
    code: 'ERR_EMULATOR_USAGE',
    className: 'EmulatorUsageError',
    means:
      'the emulator was used in a way it cannot serve (no webhook URL, a story mention on Messenger, ...)',
    action: 'follow the message',
  },
  {
    code: 'ERR_WEBHOOK_DELIVERY',
    className: 'WebhookDeliveryError',
    means: "the emulator's webhook POST to the bot failed without an HTTP status",
    action: 'check that the bot listens on `url`',
  },
  {
    code: 'ERR_UNEXPECTED_REPLY',
    className: 'UnexpectedReplyError',
    means: '`kit.noReply()` saw the bot send a message (`reply`)',
    action: 'fix the bot or the test',
  },
  {
    code: 'ERR_SETTLE_TIMEOUT',
    className: 'SettleTimeoutError',
    means: '`kit.settle()` gave up: the bot kept working past the timeout',
    action: 'look for a loop of Graph calls, or raise the timeout',
  },
  {
    code: 'ERR_TEST_KIT_START',
    className: 'TestKitStartError',
    means: '`createTestKit` could not create, start or verify the bot (`step`)',
    action: 'read `cause`; a taken port is the usual one',
  },
  // The playground and the command line
  {
    code: 'ERR_PLAYGROUND_START',
    className: 'PlaygroundStartError',
    means: 'the playground could not start (`step`: bot, listen, verify)',
    action: 'read `cause`',
  },
  {
    code: 'ERR_PLAYGROUND_REQUEST',
    className: 'PlaygroundRequestError',
    means: "the playground page sent a request it refuses (`status` is the answer's)",
    action: 'follow the message',
  },
  {
    code: 'ERR_BOT_FILE',
    className: 'BotFileError',
    means: 'a bot file could not be loaded, or builds no bot (`path`)',
    action: 'export a function or an object with `create(config)` that returns a bot',
  },
  {
    code: 'ERR_CLI',
    className: 'CliError',
    means: 'a CLI failure: a missing variable, a failed check, a bad file (exit code 1)',
    action: 'follow the message',
  },
  // Botkit
  {
    code: 'ERR_ADAPTER_NOT_ATTACHED',
    className: 'AdapterNotAttachedError',
    means: 'webhook events arrived before a Botkit controller used the adapter; they were dropped',
    action: 'create the Botkit controller (`new Botkit({ adapter })`) before serving the webhook',
  },
  {
    code: 'ERR_NOT_SUPPORTED_BY_MESSENGER',
    className: 'NotSupportedByMessengerError',
    means:
      '`updateActivity` or `deleteActivity`: Messenger and Instagram cannot edit or delete a sent message',
    action: 'send a new message instead',
  },
  {
    code: 'ERR_UNSUPPORTED_ACTIVITY',
    className: 'UnsupportedActivityError',
    means: 'an outgoing activity cannot become a Send API call (`field` names the part)',
    action: 'use what Messenger can render',
  },
  {
    code: 'ERR_UNROUTABLE_ACTIVITY',
    className: 'UnroutableActivityError',
    means: 'an outgoing activity has no recipient (an account-level conversation)',
    action: 'name a recipient in the activity',
  },
] as const satisfies readonly ErrorTableEntry[];

/** Every string code of the library's own errors, for a `switch (error.code)` that the compiler checks. */
export type MessengerRxErrorCode = (typeof ERROR_TABLE)[number]['code'];

/** One of the two classes whose `code` can be the platform's own; `code` describes the values. */
export interface PlatformCodedEntry {
  readonly className: string;
  /** Which codes appear, in words. */
  readonly code: string;
  readonly means: string;
  readonly action: string;
}

/** The errors whose `code` is Meta's or the operating system's rather than the library's. */
export const PLATFORM_CODED_ERRORS: readonly PlatformCodedEntry[] = [
  {
    className: 'GraphApiError',
    code: "Meta's error code (a number): 100, 190, 613, ...",
    means: 'Graph answered with an error object (`subcode`, `type`, `fbtraceId`, `retryable`)',
    action: "transient and throttling codes are retried; for the others see Meta's error reference",
  },
  {
    className: 'HttpError',
    code: 'the system error code: `ECONNREFUSED`, `ECONNRESET`, ...',
    means: 'the request failed on the network (`reason: network`)',
    action: 'retried by the default policy; `mayHaveReachedServer` says whether Meta may have it',
  },
];
