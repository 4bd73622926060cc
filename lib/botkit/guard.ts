import type { Botkit } from 'botkit';

interface Runner {
  run: (...args: unknown[]) => unknown;
}

const GUARDED = Symbol.for('messenger-rx.botkit.guarded');

function isRunner(value: unknown): value is Runner & Record<symbol, unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { run?: unknown }).run === 'function'
  );
}

/**
 * Botkit 4.15 runs its hears / on / dialog handlers (and `bot.say`'s send) inside async callbacks of its
 * `ingest`, `receive`, `interpret` and `send` middleware chains and never catches their rejections: a throwing handler leaves `handleTurn`
 * pending forever and becomes an unhandled rejection (which ends a Node process by default). This wraps those
 * callbacks so such a failure reaches `fail(bot, error)` instead, with the BotWorker of the failed turn.
 */
export function guardBotkitHandlers(botkit: Botkit, fail: (bot: unknown, error: unknown) => void): void {
  const middleware = botkit.middleware as unknown as Record<string, unknown>;
  for (const name of ['ingest', 'receive', 'interpret', 'send']) {
    const ware = middleware[name];
    if (!isRunner(ware) || ware[GUARDED] === true) continue;
    const run = ware.run;
    ware.run = function (this: unknown, ...args: unknown[]): unknown {
      const done = args[args.length - 1];
      if (typeof done === 'function') {
        args[args.length - 1] = function (this: unknown, ...results: unknown[]): unknown {
          const returned: unknown = done.apply(this, results);
          // Adopts a thenable (Botkit's async callbacks return promises); any other value never rejects.
          Promise.resolve(returned).then(undefined, (error: unknown) => fail(results[1], error));
          return returned;
        };
      }
      return run.apply(this, args);
    };
    ware[GUARDED] = true;
  }
}

/** The activity of the turn a BotWorker belongs to, when it can still be read (the turn is not over). */
export function activityOfBot(bot: unknown): unknown {
  try {
    const getConfig = (bot as { getConfig?: unknown } | undefined)?.getConfig;
    if (typeof getConfig !== 'function') return undefined;
    const context: unknown = getConfig.call(bot, 'context');
    return (context as { activity?: unknown } | undefined)?.activity;
  } catch {
    return undefined; // a revoked turn context
  }
}
