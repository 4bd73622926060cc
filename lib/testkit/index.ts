/**
 * messenger-rx/testkit: test a bot end to end on one machine. `createTestKit` starts the emulator and the bot,
 * lets a test act as Messenger and Instagram users, and awaits the bot's answers with their full Send API bodies.
 */
export { createTestKit, type TestKit, type SettleOptions, type NoReplyOptions } from './kit.js';
export type { BotConfig, BotFactory, ListeningBot, TestableBot, TestKitOptions } from './types.js';
export { SettleTimeoutError, TestKitStartError, UnexpectedReplyError } from './errors.js';
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
export { EMULATOR_DEFAULTS, EmulatorClosedError, EmulatorTimeoutError } from '../emulator/index.js';
