/**
 * messenger-rx/testkit: test a bot end to end on one machine. `createTestKit` starts the emulator and the bot,
 * lets a test act as Messenger and Instagram users, and awaits the bot's answers with their full Send API bodies.
 */

// The kit, and the bot it tests.
export { createTestKit } from './kit.js';
export type { TestKit, SettleOptions, NoReplyOptions } from './kit.js';
export type { BotConfig, BotFactory, ListeningBot, TestableBot, TestKitOptions } from './types.js';

// What a test acts with and reads: the emulator's users and records (also in `messenger-rx/emulator`).
export type {
  Emulator,
  SimulatedUser,
  SentMessage,
  RecordedRequest,
  ReplyRecord,
  UserDelivery,
  ChangeDelivery,
  UserOptions,
  ActionOptions,
  WaitOptions,
  MessageWaitOptions,
  InstagramSimulator,
  IgAuthor,
} from '../emulator/index.js';

// What goes wrong: the kit's own errors, and the emulator's a kit's waits reject with.
export { SettleTimeoutError, TestKitStartError, UnexpectedReplyError } from './errors.js';
export { EmulatorClosedError, EmulatorTimeoutError } from '../emulator/index.js';
