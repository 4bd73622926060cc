/**
 * The public surface, pinned: for every entry point in package.json `exports`, the names of its runtime values
 * (what `import()` gives) and of its type-only exports (what the TypeScript checker sees besides), sorted. A name
 * that appears or disappears here is a change of what users can import, so it fails until the list says so.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DECISION = 'a new export is a decision: add it to the list in spec/exports.spec.ts';

interface Surface {
  /** The runtime values (classes, functions, constants, io-ts codecs, namespaces), sorted. */
  readonly values: readonly string[];
  /** The names that exist only as types, sorted. */
  readonly types: readonly string[];
}

/** What each entry point exports. Keys are the keys of package.json `exports`. */
const SURFACE: Readonly<Record<string, Surface>> = {
  '.': {
    values: [
      'Bot',
      'BotHandlerError',
      'BotHandlerTimeoutError',
      'BotInboxError',
      'Composer',
      'Context',
      'ConversationError',
      'GraphApiError',
      'GraphClient',
      'GraphError',
      'HttpError',
      'MemorySessionStorage',
      'MessengerRxError',
      'QueryError',
      'SendLimitError',
      'SessionStorageError',
      'conversations',
      'createConversation',
      'decodeWebhook',
      'matchFilter',
      'matches',
      'on',
      'session',
    ],
    types: [
      'BotError',
      'BotOptions',
      'BotRole',
      'Button',
      'ChangeEvent',
      'CommentEvent',
      'Conversation',
      'ConversationFlavor',
      'ConversationFn',
      'DecodeIssue',
      'DecodeResult',
      'EchoEvent',
      'ErrorHandler',
      'EventFor',
      'Filter',
      'GraphClientOptions',
      'MentionEvent',
      'MessageEvent',
      'MessengerRxErrorCode',
      'Middleware',
      'MiddlewareFn',
      'NextFunction',
      'OutgoingMessage',
      'PostbackEvent',
      'Query',
      'QuickReply',
      'ReactionEvent',
      'ReferralEvent',
      'Reply',
      'SendOptions',
      'SessionFlavor',
      'SessionOptions',
      'SessionStorage',
      'StoryInsightsEvent',
      'TemplatePayload',
      'WebhookEvent',
    ],
  },
  './events': {
    values: [
      'ATTACHMENT_TYPES',
      'EVENT_TYPES',
      'QUERIES',
      'QUERY_PLATFORMS',
      'QueryError',
      'accountIdOf',
      'attachmentOf',
      'codecs',
      'decodeWebhook',
      'dedupKey',
      'describeDecodeErrors',
      'isAttachment',
      'isMessagingEvent',
      'isQuery',
      'isRecord',
      'matches',
      'predicateFor',
      'userOf',
    ],
    types: [
      'AccountLinking',
      'AccountLinkingEvent',
      'AdsContextData',
      'AppRoles',
      'AppRolesEvent',
      'Attachment',
      'AttachmentPayload',
      'AttachmentQueryType',
      'BaseQuery',
      'ChangeEvent',
      'ChangeField',
      'ChangeItemEvent',
      'ChangeKindEvent',
      'Command',
      'CommentEvent',
      'CommentValue',
      'DecodeIssue',
      'DecodeResult',
      'Delivery',
      'DeliveryEvent',
      'DescribeDecodeErrorsOptions',
      'EchoEvent',
      'EditEvent',
      'Entry',
      'Envelope',
      'EventBase',
      'EventFor',
      'GamePlay',
      'GamePlayEvent',
      'HandoverEvent',
      'InnerReferral',
      'KindEvent',
      'LiveCommentEvent',
      'MentionEvent',
      'MentionValue',
      'Message',
      'MessageEdit',
      'MessageEvent',
      'MessageQuickReply',
      'MessagingEvent',
      'MessagingFeedback',
      'MessagingFeedbackEvent',
      'MessagingKey',
      'MessagingPlatform',
      'Optin',
      'OptinEvent',
      'Optout',
      'OptoutEvent',
      'Participant',
      'PassThreadControl',
      'PassThreadControlEvent',
      'PolicyEnforcement',
      'PolicyEnforcementEvent',
      'Postback',
      'PostbackEvent',
      'Query',
      'QueryPlatform',
      'Reaction',
      'ReactionEvent',
      'Read',
      'ReadEvent',
      'Referral',
      'ReferralData',
      'ReferralEvent',
      'ReplyTo',
      'RequestThreadControl',
      'RequestThreadControlEvent',
      'ResponseFeedback',
      'ResponseFeedbackEvent',
      'StopOptinEvent',
      'StoryInsightsEvent',
      'StoryInsightsValue',
      'TakeThreadControl',
      'TakeThreadControlEvent',
      'TypedAttachment',
      'UnknownEvent',
      'WebhookEvent',
      'WebhookEventType',
    ],
  },
  './graph': {
    values: [
      'AppSubscription',
      'AppUsage',
      'AttachmentUploadResult',
      'BusinessUseCaseUsage',
      'BusinessUseCaseUsageEntry',
      'DEFAULT_BASE_URL',
      'DEFAULT_INSTAGRAM_USER_FIELDS',
      'DEFAULT_MENTIONED_MEDIA_FIELDS',
      'DEFAULT_MESSENGER_USER_FIELDS',
      'DEFAULT_TIMEOUT_MS',
      'DEFAULT_VERSION',
      'GraphApiError',
      'GraphClient',
      'GraphError',
      'GraphResponseError',
      'HandoverApi',
      'HttpError',
      'INBOX_APP_IDS',
      'IdResult',
      'InstagramApi',
      'InstagramUserProfile',
      'MAX_EXTEND_SECONDS',
      'MentionedComment',
      'MentionedMedia',
      'MessengerProfileData',
      'MessengerUserProfile',
      'PERSONA_NAME_LIMIT',
      'Persona',
      'PersonaList',
      'PersonasApi',
      'ProfileApi',
      'ProfileWriteResult',
      'SEND_LIMITS',
      'SecondaryReceiver',
      'SendApi',
      'SendLimitError',
      'SendResult',
      'SenderActionResult',
      'SubscribedApp',
      'SubscriptionsApi',
      'SuccessResult',
      'TakeThreadControlResult',
      'ThreadOwner',
      'TransportTimeoutError',
      'UsersApi',
      'appSecretProof',
      'checkFile',
      'checkMessage',
      'checkQuickReplies',
      'checkTemplate',
      'codePointLength',
      'createRetryPolicy',
      'defaultRetryPolicy',
      'defaultThrottleKey',
      'fetchTransport',
      'isTransient',
      'nodeTransport',
      'retryTransformer',
      'throttleTransformer',
    ],
    types: [
      'AmbiguousRetry',
      'AppCallOptions',
      'AppSubscriptionInput',
      'AttachmentInput',
      'Button',
      'ButtonTemplatePayload',
      'CallButton',
      'CallOptions',
      'CommandList',
      'FetchLike',
      'FileInput',
      'FilePart',
      'GenericElement',
      'GenericTemplatePayload',
      'GraphCall',
      'GraphCaller',
      'GraphClientOptions',
      'GraphRequest',
      'GraphTransformer',
      'GraphUsage',
      'HandoverOptions',
      'HttpErrorReason',
      'HttpMethod',
      'IceBreakers',
      'InstagramUserField',
      'LimitUnit',
      'MediaElement',
      'MediaTemplatePayload',
      'MediaType',
      'MessagingType',
      'MessengerProfile',
      'MessengerUserField',
      'MultipartForm',
      'NodeTransportOptions',
      'NotificationType',
      'OtherTemplatePayload',
      'OutgoingAttachment',
      'OutgoingMessage',
      'PassThreadOptions',
      'PersistentMenu',
      'PersonaInput',
      'PersonaListOptions',
      'Platform',
      'PostbackButton',
      'ProfileField',
      'ProfileOptions',
      'QueryValue',
      'QuickReply',
      'Recipient',
      'RetryInfo',
      'RetryPolicy',
      'RetryPolicyOptions',
      'RetryTransformerOptions',
      'SendOptions',
      'SenderAction',
      'SenderActionOptions',
      'Sleep',
      'TemplatePayload',
      'TextQuickReply',
      'ThrottleOptions',
      'ThrottleTransformer',
      'To',
      'TokenPlacement',
      'TokenResolver',
      'Transport',
      'TransportHeaders',
      'TransportRequest',
      'TransportResponse',
      'UrlButton',
      'UsageListener',
      'UserProfile',
      'UserProfileOptions',
    ],
  },
  './webhook': {
    values: [
      'DEFAULT_MAX_BODY_BYTES',
      'DEFAULT_SERVER_LIMITS',
      'SHA1_SIGNATURE_HEADER',
      'SIGNATURE_HEADER',
      'WebhookConfigError',
      'WebhookSetupError',
      'applyServerLimits',
      'closeServer',
      'consoleErrorLogger',
      'createWebhook',
      'createWebhookServer',
      'expressWebhook',
      'fastifyWebhook',
      'fetchWebhook',
      'honoWebhook',
      'koaWebhook',
      'listenOn',
      'nodeHandler',
      'readBodyBytes',
      'signBody',
      'signBodySha1',
    ],
    types: [
      'ExpressRequestLike',
      'FastifyErrorLike',
      'FastifyInstanceLike',
      'FastifyReplyLike',
      'FastifyRequestLike',
      'FastifyWebhookOptions',
      'FetchWebhookOptions',
      'HonoContextLike',
      'KoaContextLike',
      'KoaWebhookOptions',
      'NodeHandlerOptions',
      'Webhook',
      'WebhookOptions',
      'WebhookRequest',
      'WebhookResponse',
      'WebhookServerOptions',
    ],
  },
  './errors': {
    values: [
      'BotContextError',
      'BotDecodeError',
      'BotDedupError',
      'BotHandlerError',
      'BotHandlerTimeoutError',
      'BotInboxError',
      'BotOverflowError',
      'BotRoleError',
      'BotStoppedError',
      'BotWebhookError',
      'ConversationError',
      'GraphApiError',
      'GraphError',
      'GraphResponseError',
      'HttpError',
      'InboxOverflowError',
      'InboxStoppedError',
      'MessengerRxError',
      'NextCalledTwiceError',
      'QueryError',
      'SendLimitError',
      'SessionKeyError',
      'SessionStorageError',
      'TransportTimeoutError',
      'WebhookConfigError',
      'WebhookSetupError',
    ],
    types: ['BotError', 'HttpErrorReason', 'MessengerRxErrorCode'],
  },
  './delivery': {
    values: [
      'DispatchProbe',
      'InboxOverflowError',
      'InboxStoppedError',
      'MemoryDedupStore',
      'MemoryInbox',
      'dedupe',
      'dispatchByKey',
    ],
    types: [
      'DedupOption',
      'DedupStore',
      'DedupeOptions',
      'DeliveryStats',
      'DispatchOptions',
      'DispatchStats',
      'EventHandler',
      'Inbox',
      'MemoryDedupStoreOptions',
      'MemoryInboxOptions',
      'Outcome',
    ],
  },
  './redis': {
    values: [
      'RedisAcceptError',
      'RedisDedupStore',
      'RedisHandlerError',
      'RedisInbox',
      'RedisInboxError',
      'RedisInboxStateError',
      'RedisLeaseLostError',
      'RedisPoisonEntryError',
      'RedisSessionDecodeError',
      'RedisSessionStorage',
      'RedisTrimmedEntriesError',
      'RedisWorkerError',
      'partitionOf',
    ],
    types: [
      'AcceptFailure',
      'RedisClient',
      'RedisConnection',
      'RedisDedupStoreOptions',
      'RedisInboxOptions',
      'RedisSessionStorageOptions',
    ],
  },
  './botkit': {
    values: [
      'AdapterNotAttachedError',
      'BOTKIT_EVENT_NAMES',
      'INSTAGRAM_CHANNEL_ID',
      'MESSENGER_CHANNEL_ID',
      'MessengerAdapter',
      'MessengerBotWorker',
      'NotSupportedByMessengerError',
      'UnroutableActivityError',
      'UnsupportedActivityError',
      'botkitEventName',
      'legacyFacebookEventName',
      'rawBodyVerify',
    ],
    types: [
      'AdapterStats',
      'ConversationRoute',
      'DirectPlatform',
      'EventNamer',
      'MessengerAdapterOptions',
      'MessengerChannelData',
      'OutgoingChannelData',
      'TurnLogic',
    ],
  },
  './emulator': {
    values: [
      'EMULATOR_DEFAULTS',
      'EmulatorClosedError',
      'EmulatorTimeoutError',
      'EmulatorUsageError',
      'INSTAGRAM_INBOX_APP_ID',
      'PAGE_INBOX_APP_ID',
      'WebhookDeliveryError',
      'attachmentItem',
      'changesBody',
      'commentChange',
      'deliveryItem',
      'echoItem',
      'envelope',
      'instagramComment',
      'instagramMentionInCaption',
      'instagramMentionInComment',
      'instagramStoryInsights',
      'instagramStoryMention',
      'instagramText',
      'mentionChange',
      'messagingBody',
      'messengerAttachment',
      'messengerDelivery',
      'messengerEcho',
      'messengerPostback',
      'messengerQuickReply',
      'messengerReaction',
      'messengerRead',
      'messengerText',
      'postbackItem',
      'quickReplyItem',
      'reactionItem',
      'reactionName',
      'readItem',
      'referralItem',
      'serialiseLikeMeta',
      'startEmulator',
      'storyInsightsChange',
      'storyMentionItem',
      'textItem',
    ],
    types: [
      'ActionOptions',
      'AppSubscription',
      'AttachmentRecord',
      'ChangeBodyInput',
      'ChangeDelivery',
      'ChangeItem',
      'ChangeOptions',
      'CommentAuthor',
      'CommentRecord',
      'DeliverOptions',
      'DeliveryResult',
      'Emulator',
      'EmulatorAccount',
      'EmulatorConfig',
      'EmulatorOptions',
      'EmulatorState',
      'FailureRule',
      'GraphErrorObject',
      'GraphErrorSpec',
      'HandoverActionOptions',
      'HandoverSimulator',
      'IgAuthor',
      'InstagramSimulator',
      'ItemInput',
      'MediaRecord',
      'MessageWaitOptions',
      'PersonaRecord',
      'Platform',
      'RawMessagingItem',
      'RecordedRequest',
      'ReplyRecord',
      'RequestMatch',
      'SenderActionRecord',
      'SentMessage',
      'SentRecipient',
      'SimulatedUser',
      'StoryInsightsInput',
      'UploadedFile',
      'UserDelivery',
      'UserOptions',
      'WaitOptions',
      'WebhookBody',
      'WebhookEntry',
    ],
  },
  './testkit': {
    values: [
      'EmulatorClosedError',
      'EmulatorTimeoutError',
      'SettleTimeoutError',
      'TestKitStartError',
      'UnexpectedReplyError',
      'createTestKit',
    ],
    types: [
      'ActionOptions',
      'BotConfig',
      'BotFactory',
      'ChangeDelivery',
      'Emulator',
      'IgAuthor',
      'InstagramSimulator',
      'ListeningBot',
      'MessageWaitOptions',
      'NoReplyOptions',
      'RecordedRequest',
      'ReplyRecord',
      'SentMessage',
      'SettleOptions',
      'SimulatedUser',
      'TestKit',
      'TestKitOptions',
      'TestableBot',
      'UserDelivery',
      'UserOptions',
      'WaitOptions',
    ],
  },
  './playground': {
    values: ['DEFAULT_PROFILE', 'PlaygroundRequestError', 'PlaygroundStartError', 'startPlayground'],
    types: ['BotFileFactory', 'Playground', 'PlaygroundOptions', 'PlaygroundProfiles'],
  },
};

interface ExportTarget {
  readonly types: string;
  readonly default: string;
}

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, ExportTarget>;
};

/** The room of an entry point: '' for the root, else the subpath's name (`./graph` is lib/graph/). */
function roomOf(entry: string): string {
  return entry === '.' ? '' : `${entry.slice(2)}/`;
}

/** The source an entry point is built from: lib/index.ts or lib/<room>/index.ts. */
function sourceOf(entry: string): string {
  return `${ROOT}lib/${roomOf(entry)}index.ts`;
}

const sorted = (names: Iterable<string>): string[] => [...names].sort();

describe('the public surface (package.json exports)', function () {
  this.timeout(60_000);

  it('lists every entry point of package.json here, and nothing else', () => {
    assert.deepEqual(sorted(Object.keys(pkg.exports)), sorted(Object.keys(SURFACE)), DECISION);
  });

  it("names every entry point of package.json in the README's Entry points table, and nothing else", () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const start = readme.indexOf('\n## Entry points\n');
    assert.ok(start >= 0, 'README has an "Entry points" section');
    const section = readme.slice(start + 1, readme.indexOf('\n## ', start + 1));
    const listed = [...section.matchAll(/^\| `(messenger-rx(?:\/[a-z]+)?)`/gm)].map(([, name = '']) =>
      name === 'messenger-rx' ? '.' : `./${name.slice('messenger-rx/'.length)}`,
    );
    assert.deepEqual(sorted(listed), sorted(Object.keys(pkg.exports)));
  });

  it('points each entry point at dist/<room>/index.{js,d.ts}, built from a lib/<room>/index.ts that exists', () => {
    for (const [entry, target] of Object.entries(pkg.exports)) {
      const room = roomOf(entry);
      assert.deepEqual(
        target,
        { types: `./dist/${room}index.d.ts`, default: `./dist/${room}index.js` },
        `the exports entry ${entry}`,
      );
      assert.ok(existsSync(sourceOf(entry)), `${sourceOf(entry)} (the source of ${entry}) is missing`);
    }
  });

  it("exports every name the README's code imports from it", async () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const imports = [...readme.matchAll(/import\s*\{([^}]*)\}\s*from\s*'messenger-rx(\/[a-z]+)?'/g)];
    assert.ok(imports.length > 0, 'the README imports nothing from messenger-rx');
    for (const [, names = '', subpath] of imports) {
      const entry = subpath === undefined ? '.' : `.${subpath}`;
      const surface = SURFACE[entry];
      assert.ok(surface, `the README imports from ${entry}, which is not an entry point`);
      for (const spec of names.split(',')) {
        const name =
          spec
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0] ?? '';
        if (name === '') continue;
        assert.ok(
          surface.values.includes(name) || surface.types.includes(name),
          `the README imports ${name} from messenger-rx${subpath ?? ''}, which does not export it`,
        );
      }
    }
  });

  it('exports exactly the listed runtime values from each entry point', async () => {
    for (const entry of Object.keys(SURFACE)) {
      const module = (await import(pathToFileURL(sourceOf(entry)).href)) as Record<string, unknown>;
      assert.deepEqual(sorted(Object.keys(module)), SURFACE[entry]?.values, `${entry}: ${DECISION}`);
    }
  });

  it('exports exactly the listed types from each entry point, and its values are the runtime ones', () => {
    const entries = Object.keys(SURFACE);
    const config = ts.getParsedCommandLineOfConfigFile(
      `${ROOT}tsconfig.json`,
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
        },
      },
    );
    assert.ok(config);
    // One program for all entry files: the checker resolves only what the exports need, nothing is type-checked.
    const program = ts.createProgram({
      rootNames: entries.map(sourceOf),
      options: { ...config.options, noEmit: true },
    });
    const checker = program.getTypeChecker();
    for (const entry of entries) {
      const source = program.getSourceFile(sourceOf(entry));
      const module = source && checker.getSymbolAtLocation(source);
      assert.ok(module, `${entry}: no module symbol for ${sourceOf(entry)}`);
      const values: string[] = [];
      const types: string[] = [];
      for (const symbol of checker.getExportsOfModule(module)) {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        (target.flags & ts.SymbolFlags.Value ? values : types).push(symbol.name);
      }
      assert.deepEqual(sorted(types), SURFACE[entry]?.types, `${entry}: ${DECISION}`);
      assert.deepEqual(sorted(values), SURFACE[entry]?.values, `${entry}: a value exported as a type only?`);
    }
  });
});
