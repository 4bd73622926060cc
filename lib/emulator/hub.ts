import type { EmulatorConfig } from './defaults.js';
import type { IdFactory } from './ids.js';
import type { WebhookBody } from './payloads.js';
import type { SentMessage } from './records.js';
import type { EmulatorState, ReplyRecord } from './state.js';
import type { DeliverOptions, DeliveryResult } from './webhook-client.js';

/** What simulated users and the Instagram simulator need from the emulator (internal wiring). */
export interface SimulationHub {
  readonly config: EmulatorConfig;
  readonly state: EmulatorState;
  readonly ids: IdFactory;
  /** Strictly increasing epoch ms. */
  clock(): number;
  /** POSTs a signed webhook body to the connected bot. */
  deliver(body: WebhookBody, options?: DeliverOptions): Promise<DeliveryResult>;
  /** Every message the bot sent so far. */
  sent(): readonly SentMessage[];
  /** Takes the next `n` untaken messages matching `predicate`. */
  takeMessages(n: number, predicate: (m: SentMessage) => boolean, timeoutMs?: number): Promise<SentMessage[]>;
  /** Takes the next untaken message matching `predicate`. */
  nextMessage(predicate: (m: SentMessage) => boolean, timeoutMs?: number): Promise<SentMessage>;
  /** Takes the next untaken Instagram reply matching `predicate`. */
  nextReply(predicate: (r: ReplyRecord) => boolean, timeoutMs?: number): Promise<ReplyRecord>;
}
