/**
 * Which registration a failure came from (`on("message:text")`, `hears(/hi/)`, ...), for the errors the Bot
 * reports. The label rides beside the error, never on it: what middleware throws reaches `errorBoundary` and
 * `next()` callers unchanged.
 */
const registrations = new WeakMap<object, string>();

/** Remembers `label` for a thrown object, unless a registration nested deeper already claimed it. */
export function labelFailure(error: unknown, label: string): void {
  if (typeof error !== 'object' || error === null || registrations.has(error)) return;
  registrations.set(error, label);
}

/** The registration a thrown value failed in, when it was an object thrown inside one. */
export function registrationOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? registrations.get(error) : undefined;
}

const entered = new WeakMap<object, string>();

/** Notes that the chain of `ctx` entered a registration (for timeout reports: the one entered last). */
export function enterRegistration(ctx: object, label: string): void {
  entered.set(ctx, label);
}

/** The registration the chain of `ctx` entered last, if any. */
export function lastRegistration(ctx: object): string | undefined {
  return entered.get(ctx);
}
