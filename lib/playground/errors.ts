/** Errors of the playground: it could not start, or the page sent a request it cannot act on. */

/** The playground could not start: the bot file, the bot, or the port. `step` says which. */
export class PlaygroundStartError extends Error {
  override readonly name = 'PlaygroundStartError';
  constructor(
    readonly step: 'bot' | 'listen' | 'verify',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A request of the page's JSON API that the playground refuses: `status` is the HTTP status it answers. */
export class PlaygroundRequestError extends Error {
  override readonly name = 'PlaygroundRequestError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
