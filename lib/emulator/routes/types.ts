import type { EmulatorConfig, Platform } from '../defaults.js';
import { unsupportedRequest } from '../errors.js';
import type { WebhookBody } from '../payloads.js';
import type { IdFactory } from '../ids.js';
import type { SenderActionRecord, SentMessage, UploadedFile } from '../records.js';
import type { EmulatorState, ReplyRecord } from '../state.js';

/** A Graph call as a route sees it: version stripped, tokens removed, query and body merged. */
export interface RouteRequest {
  readonly id: number;
  readonly method: string;
  readonly path: string;
  /** Path segments after the version, e.g. `['me', 'messages']`. */
  readonly segments: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
  /**
   * The file parts of a `multipart/form-data` body by part name (Graph reads `filedata`); empty otherwise.
   * Only a real file part lands here: a JSON or form value named `filedata` does not.
   */
  readonly files: Readonly<Record<string, UploadedFile>>;
  /** The account `me` stands for with the token that came with the call. */
  readonly meAccount: string;
}

/** What a route answers, plus what the emulator should record once the answer is written. */
export interface RouteResult {
  readonly status?: number;
  readonly body: unknown;
  readonly account?: string;
  readonly sent?: Omit<SentMessage, 'requestId'>;
  readonly action?: Omit<SenderActionRecord, 'requestId'>;
  readonly reply?: ReplyRecord;
  /** Webhooks Meta would send the bot because of this call (e.g. a pass_thread_control), POSTed after the answer. */
  readonly webhooks?: readonly WebhookBody[];
}

/** What routes may use: configuration, state, id factory, clock. */
export interface RouteContext {
  readonly config: EmulatorConfig;
  readonly state: EmulatorState;
  readonly ids: IdFactory;
  readonly clock: () => number;
}

/** A route handler: answers or throws a `GraphFault`. */
export type RouteHandler = (request: RouteRequest, context: RouteContext) => RouteResult;

/** The platform of a known page / IG account id, or undefined for an unknown id. */
export function platformOfAccount(config: EmulatorConfig, id: string): Platform | undefined {
  return config.accounts.find((a) => a.id === id)?.platform;
}

/**
 * The page or IG account a call's first path segment names (`me`: the token's account) and its platform. Throws
 * Graph's unsupported-request error, naming the segment as sent, when it is no known account (or not of `only`).
 */
export function accountOf(
  request: RouteRequest,
  config: EmulatorConfig,
  only?: Platform,
): { account: string; platform: Platform } {
  const raw = request.segments[0] ?? '';
  const account = raw === 'me' ? request.meAccount : raw;
  const platform = platformOfAccount(config, account);
  if (platform === undefined || (only !== undefined && platform !== only))
    throw unsupportedRequest(request.method, raw);
  return { account, platform };
}
