/** The platform a simulated user or account talks on. */
export type Platform = 'messenger' | 'instagram';

/** An extra page or Instagram account the emulator should know about (besides the default ones). */
export interface EmulatorAccount {
  readonly id: string;
  readonly platform: Platform;
  readonly name?: string;
}

/**
 * Default ids and secrets of the emulator, so examples and tests can share them without configuration.
 * Every one can be overridden through `startEmulator(options)`.
 */
export const EMULATOR_DEFAULTS = Object.freeze({
  pageId: '1000000000000001',
  pageName: 'Emulated Page',
  igAccountId: '17841400000000001',
  igUsername: 'emulated_account',
  appId: '2000000000000001',
  appSecret: 'emulator-app-secret',
  verifyToken: 'emulator-verify-token',
  accessToken: 'emulator-page-access-token',
  appAccessToken: '2000000000000001|emulator-app-token',
  host: '127.0.0.1',
  port: 0,
  webhookTimeoutMs: 20_000,
  waitTimeoutMs: 5_000,
});

/** Options of `startEmulator`; all optional, defaults in `EMULATOR_DEFAULTS`. */
export interface EmulatorOptions {
  /** The Messenger page the bot runs as (entry id of `object: page` webhooks). */
  readonly pageId?: string;
  readonly pageName?: string;
  /** The Instagram professional account (entry id of `object: instagram` webhooks). */
  readonly igAccountId?: string;
  readonly igUsername?: string;
  readonly appId?: string;
  /** Signs every webhook (X-Hub-Signature-256) and checks `appsecret_proof` when one is sent. */
  readonly appSecret?: string;
  readonly verifyToken?: string;
  /** The page token examples should use; any non-empty token is accepted unless `accessTokens` is given. */
  readonly accessToken?: string;
  readonly appAccessToken?: string;
  /** When given, only these tokens (and `appAccessToken`) are valid; each maps to the account `me` stands for. */
  readonly accessTokens?: Readonly<Record<string, string>>;
  /** Answer code 100 when a call comes without `appsecret_proof` (the dashboard's "Require App Secret"). */
  readonly requireAppSecretProof?: boolean;
  /** More pages or Instagram accounts the Graph side accepts as senders. */
  readonly accounts?: readonly EmulatorAccount[];
  /** Interface to listen on (default 127.0.0.1) and port (default 0: any free port). */
  readonly host?: string;
  readonly port?: number;
  /** Added before every Graph answer (see also `emulator.delay`). */
  readonly latencyMs?: number;
  /** Where the simulated users POST their webhooks (see also `emulator.connect`). */
  readonly webhookUrl?: string;
  /** How long a webhook POST may take before it fails (Meta gives up after 20 s). */
  readonly webhookTimeoutMs?: number;
  /** Default timeout of `nextMessage`, `waitForMessages` and `nextRequest`. */
  readonly waitTimeoutMs?: number;
  /** Clock for webhook timestamps (epoch ms); the emulator keeps its timestamps strictly increasing. */
  readonly now?: () => number;
}

/** `EmulatorOptions` with every default filled in. */
export interface EmulatorConfig {
  readonly pageId: string;
  readonly pageName: string;
  readonly igAccountId: string;
  readonly igUsername: string;
  readonly appId: string;
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly accessToken: string;
  readonly appAccessToken: string;
  readonly accessTokens: Readonly<Record<string, string>> | undefined;
  readonly requireAppSecretProof: boolean;
  readonly accounts: readonly EmulatorAccount[];
  readonly host: string;
  readonly port: number;
  readonly latencyMs: number;
  readonly webhookUrl: string | undefined;
  readonly webhookTimeoutMs: number;
  readonly waitTimeoutMs: number;
  readonly now: () => number;
}

/** Fills in the defaults of `EmulatorOptions`; the default page and IG account are always in `accounts`. */
export function resolveConfig(options: EmulatorOptions = {}): EmulatorConfig {
  const d = EMULATOR_DEFAULTS;
  const pageId = options.pageId ?? d.pageId;
  const igAccountId = options.igAccountId ?? d.igAccountId;
  const pageName = options.pageName ?? d.pageName;
  const accounts: EmulatorAccount[] = [
    { id: pageId, platform: 'messenger', name: pageName },
    { id: igAccountId, platform: 'instagram', name: options.igUsername ?? d.igUsername },
    ...(options.accounts ?? []).filter((a) => a.id !== pageId && a.id !== igAccountId),
  ];
  return {
    pageId,
    pageName,
    igAccountId,
    igUsername: options.igUsername ?? d.igUsername,
    appId: options.appId ?? d.appId,
    appSecret: options.appSecret ?? d.appSecret,
    verifyToken: options.verifyToken ?? d.verifyToken,
    accessToken: options.accessToken ?? d.accessToken,
    appAccessToken: options.appAccessToken ?? d.appAccessToken,
    accessTokens: options.accessTokens,
    requireAppSecretProof: options.requireAppSecretProof ?? false,
    accounts,
    host: options.host ?? d.host,
    port: options.port ?? d.port,
    latencyMs: options.latencyMs ?? 0,
    webhookUrl: options.webhookUrl,
    webhookTimeoutMs: options.webhookTimeoutMs ?? d.webhookTimeoutMs,
    waitTimeoutMs: options.waitTimeoutMs ?? d.waitTimeoutMs,
    now: options.now ?? Date.now,
  };
}
